{k: (v := 1) for k, v in x}
