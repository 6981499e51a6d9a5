@wraps
import os
