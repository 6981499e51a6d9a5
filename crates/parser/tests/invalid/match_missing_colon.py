match command
    case 'x':
        pass
