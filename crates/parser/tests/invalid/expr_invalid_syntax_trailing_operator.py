y = a *
