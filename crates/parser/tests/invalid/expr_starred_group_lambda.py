x = (*lambda: 1)
