from importable.circular.first import NEVER
LATER = 1
