from collections import deque, OrderedDict,
