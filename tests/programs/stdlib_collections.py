# collections: namedtuple, OrderedDict, Counter, ChainMap, UserDict/List/String, abc.
import collections
import copy
from collections import namedtuple, OrderedDict, Counter, ChainMap, deque, defaultdict
from collections import UserDict, UserList, UserString
import collections.abc as cabc

P = namedtuple("P", "x y")
p = P(1, y=2)
print(p, p.x, p[1], p._asdict(), p._replace(x=9), P._make([3, 4]), P._fields)
print(P.__doc__, P.x.__doc__, repr(P(x="a", y=None)))
Q = namedtuple("Q", ["a", "b", "c"], defaults=[5, 6])
print(Q(1), Q._field_defaults, Q(1, 2, 3) == (1, 2, 3), hash(Q(1)) == hash((1, 5, 6)))
R = namedtuple("R", "def class x", rename=True)
print(R._fields)
try:
    namedtuple("Bad", "a a")
except ValueError as e:
    print("ValueError", e)
try:
    P(1)
except TypeError as e:
    print("TypeError", e)
a, b = P(5, 6)
print(a, b, copy.copy(p), copy.deepcopy(p), isinstance(p, tuple))

od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
od.move_to_end("b")
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od2 = OrderedDict([("x", 1), ("y", 2)])
print(od2 == OrderedDict([("y", 2), ("x", 1)]), od2 == {"y": 2, "x": 1}, list(reversed(od2)))
od2.move_to_end("x", last=False)
print(od2, copy.copy(od2), od2 | {"z": 0})

c = Counter("abracadabra")
print(c, c.most_common(2), c["a"], c["z"], sorted(c.elements())[:4])
c.update("aaz")
c.subtract({"a": 1})
print(c["a"], c["z"], c.total(), +Counter(a=1, b=-1), Counter(a=3) - Counter(a=1), Counter(a=1) | Counter(a=2, b=1))
print(Counter(a=2) & Counter(a=1, b=1), Counter({"x": 2}) + Counter({"x": 3}))

cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), sorted(cm), cm.maps, cm.new_child({"c": 4})["c"], cm.parents)
cm["d"] = 5
print(cm.maps[0], dict(cm))

dq = deque([1, 2, 3], maxlen=3)
dq.append(4)
print(dq, dq.maxlen, copy.copy(dq))
dd = defaultdict(list)
dd["k"].append(1)
print(dd, copy.deepcopy(dd), dd.default_factory)


class MyDict(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value * 2)


md = MyDict(a=1)
md["b"] = 2
print(md, md.data, "a" in md, len(md))
ul = UserList([3, 1, 2])
ul.sort()
print(ul, ul + [4], ul[1:], type(ul[1:]).__name__)
us = UserString("hello")
print(us.upper(), us + "!", us[1:3], len(us), "ell" in us)
print(issubclass(list, cabc.MutableSequence), isinstance({}, cabc.Mapping), isinstance(deque(), cabc.Sequence))
print(issubclass(dict, cabc.Hashable), isinstance(1, cabc.Hashable), issubclass(type(iter([])), cabc.Iterator))


class MySeq(cabc.Sequence):
    def __getitem__(self, i):
        return [10, 20, 30][i]

    def __len__(self):
        return 3


s = MySeq()
print(list(s), 20 in s, s.index(30), s.count(10), list(reversed(s)))
try:
    cabc.Mapping()
except TypeError as e:
    print("TypeError", e)
