import itertools
from contextlib import contextmanager, suppress


def naturals():
    n = 0
    while True:
        yield n
        n += 1


def take(n, it):
    return [x for _, x in zip(range(n), it)]


print(take(5, naturals()), next(x for x in naturals() if x > 10))


def log_steps():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")


g = log_steps()
print("created")
print(next(g))
print(next(g))
print(next(g, "done"))


def echo():
    received = []
    while True:
        value = yield len(received)
        if value is None:
            break
        received.append(value)
    return received


e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as stop:
    print("returned", stop.value)


def delegating():
    result = yield from echo()
    yield result


d = delegating()
print(next(d), d.send("x"), d.send(None))


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    except ValueError as exc:
        print("handled", exc)
    finally:
        print(f"</{name}>")


with tag("b") as t:
    print("inside", t)
with tag("i"):
    raise ValueError("oops")
with suppress(KeyError):
    {}["missing"]
print("after", type(g).__name__, list(itertools.islice(naturals(), 2, 6)))


def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


h = gen_with_finally()
print(next(h))
h.close()
print(sum(x * x for x in range(10)), any(x > 5 for x in naturals()))


def bad():
    yield 1
    raise RuntimeError("boom")


for v in bad():
    print("got", v)
