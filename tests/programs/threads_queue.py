# queue with threads: producers and consumers, SimpleQueue, LIFO and
# priority queues, timeouts.
import queue
import threading

q = queue.Queue()
results = []


def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * item)
        q.task_done()


workers = [threading.Thread(target=consumer) for _ in range(3)]
for w in workers:
    w.start()
for i in range(50):
    q.put(i)
for _ in workers:
    q.put(None)
q.join()
for w in workers:
    w.join()
print(sorted(results) == [i * i for i in range(50)], q.empty(), q.qsize())

# A bounded queue blocks its producer until the consumer catches up.
bounded = queue.Queue(maxsize=2)
taken = []


def slow_consumer():
    for _ in range(10):
        taken.append(bounded.get(timeout=10))


t = threading.Thread(target=slow_consumer)
t.start()
for i in range(10):
    bounded.put(i, timeout=10)
t.join()
print(taken)
bounded.put(1)
bounded.put(2)
print(bounded.full())
try:
    bounded.put(3, timeout=0.01)
except queue.Full:
    print("Full")
try:
    bounded.put_nowait(3)
except queue.Full:
    print("Full")
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("Empty")
try:
    queue.Queue().get_nowait()
except queue.Empty:
    print("Empty")

sq = queue.SimpleQueue()
threading.Thread(target=lambda: [sq.put(i) for i in range(5)]).start()
print([sq.get(timeout=10) for _ in range(5)], sq.empty(), sq.qsize())
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("Empty")

lifo = queue.LifoQueue()
for i in range(3):
    lifo.put(i)
print([lifo.get() for _ in range(3)])
pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b")]:
    pq.put(item)
print([pq.get() for _ in range(3)])

# Results flow back through a second queue.
tasks = queue.Queue()
done = queue.Queue()


def worker():
    while (n := tasks.get()) is not None:
        done.put((n, sum(range(n))))


ws = [threading.Thread(target=worker) for _ in range(4)]
for w in ws:
    w.start()
for n in range(20):
    tasks.put(n)
for _ in ws:
    tasks.put(None)
for w in ws:
    w.join()
print(sorted(done.get() for _ in range(20))[:5], done.empty())
