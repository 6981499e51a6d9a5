s = k'text'
