from .. import helper_mod
from . import b
from ..sub.b import Y
PARENT = helper_mod.VALUE, b.Y, Y
