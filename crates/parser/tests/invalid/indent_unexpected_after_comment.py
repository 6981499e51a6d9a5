# setup
import sys
    # fine comment
    sys.exit(0)
