import _bisect
import _heapq

def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)

a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 2.5, 3, 8, 9]:
    print(x, _bisect.bisect_left(a, x), _bisect.bisect_right(a, x), _bisect.bisect_left(a, x, 2), _bisect.bisect_right(a, x, 1, 4))
print(_bisect.bisect_right(a, 2, hi=-1), _bisect.bisect_right(a, 2, hi=-2), _bisect.bisect_left(a, 2, lo=0, hi=None))
records = [('a', 1), ('b', 3), ('c', 5)]
print(_bisect.bisect_left(records, 3, key=lambda r: r[1]), _bisect.bisect_right(records, 3, key=lambda r: r[1]))
print(_bisect.bisect_left((1, 2, 3), 2.5), _bisect.bisect_left('abc', 'b'), _bisect.bisect_right(range(10), 4))
b = []
for x in [5, 1, 4, 1, 3]:
    _bisect.insort_right(b, x)
    _bisect.insort_left(b, x + 0.5)
print(b)
c = [('x', 1)]
_bisect.insort(c, ('y', 0), key=lambda r: r[1]) if hasattr(_bisect, 'insort') else _bisect.insort_left(c, ('y', 0), key=lambda r: r[1])
print(c)

class Seq(list):
    def insert(self, i, x):
        print('insert', i, x)
        super().insert(i, x)

s = Seq([1, 3])
_bisect.insort_left(s, 2)
print(s)
attempt(_bisect.bisect_right)
attempt(_bisect.bisect_right, [1])
attempt(_bisect.bisect_right, [1], 2, 3, 4, 5)
attempt(_bisect.bisect_right, [1, 2, 3], 2, -1)
attempt(_bisect.bisect_right, [1, 2, 3], 2, hi=10)
attempt(_bisect.bisect_right, [1, 2, 3], 2, lo=None)
attempt(_bisect.bisect_right, [1, 2, 3], 2, foo=1)
attempt(_bisect.bisect_right, 5, 2)
attempt(_bisect.insort_left, (1, 2, 3), 2)
attempt(_bisect.bisect_left, [1, 'a'], 2)
print(sorted(x for x in dir(_bisect) if not x.startswith('__')))

h = []
for x in [5, 3, 8, 1, 9, 2, 7, 1]:
    _heapq.heappush(h, x)
print(h)
print([_heapq.heappop(h) for _ in range(len(h))])
h = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11, 10]
_heapq.heapify(h)
print(h)
print(_heapq.heapreplace(h, 12), h)
print(_heapq.heappushpop(h, -1), _heapq.heappushpop(h, 100), h)
m = [1, 5, 3, 9, 2, 8]
_heapq._heapify_max(m)
print(m, _heapq._heappop_max(m), m, _heapq._heapreplace_max(m, 4), m)
words = ['pear', 'fig', 'apple', 'kiwi', 'date', 'banana']
_heapq.heapify(words)
print(words)
print(_heapq.heappushpop([], 1))
attempt(_heapq.heappush, (1,), 2)
attempt(_heapq.heappush, [])
attempt(_heapq.heappush, [1], x=2)
attempt(_heapq.heappop, [])
attempt(_heapq.heappop, 1)
attempt(_heapq.heappop, [], 1)
attempt(_heapq.heapreplace, [], 1)
attempt(_heapq.heappushpop, (), 1)
attempt(_heapq.heapify, 1)
attempt(_heapq.heapify, None)
attempt(_heapq._heappop_max, [])
attempt(_heapq._heapreplace_max, [], 1)
attempt(_heapq._heapify_max, 1)
attempt(_heapq.heappush, [1], 'a')

class Evil:
    def __init__(self, heap):
        self.heap = heap
    def __lt__(self, other):
        self.heap.clear()
        return True

heap = [1, 2]
heap.append(Evil(heap))
attempt(_heapq.heapify, heap)
print(sorted(x for x in dir(_heapq) if not x.startswith('__')))

import heapq

data = [(i * 7919) % 101 for i in range(60)]
h = []
for x in data:
    heapq.heappush(h, x)
print(h == sorted(h) or h[:10], [heapq.heappop(h) for _ in range(10)])
print(heapq.nlargest(3, data), heapq.nsmallest(3, data), list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9]))[:5])
