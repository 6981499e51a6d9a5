from __future__ import barry_as_FLUFL
from __future__ import nope
