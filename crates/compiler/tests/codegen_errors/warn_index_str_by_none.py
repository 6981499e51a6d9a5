'a'[None]
