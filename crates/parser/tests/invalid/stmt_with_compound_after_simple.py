import os; for f in x: pass
