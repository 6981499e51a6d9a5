x is ()
