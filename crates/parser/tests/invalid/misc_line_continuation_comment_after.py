total = a + \ # add
    b
