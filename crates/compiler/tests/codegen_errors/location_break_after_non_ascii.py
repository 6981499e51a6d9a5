if é: break
