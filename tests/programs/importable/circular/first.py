from importable.circular.second import LATER
