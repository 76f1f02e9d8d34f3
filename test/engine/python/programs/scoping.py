funcs = [lambda: i for i in range(3)]
print([f() for f in funcs], [f(i) for i, f in enumerate([lambda x: x * 2] * 2)])


def outer():
    x = "outer"
    class Inner:
        y = x + "!"
        def method(self):
            return x + self.y
    return Inner


print(outer().y, outer()().method())

counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump(); bump()
print(counter)


class A:
    items = [1, 2, 3]
    doubled = [x * 2 for x in items]
    total = sum(items)


print(A.doubled, A.total)


class Base:
    def hello(self):
        return "base"

    @classmethod
    def create(cls):
        return f"create {cls.__name__}"


class Derived(Base):
    def hello(self):
        return "derived+" + super().hello()

    @classmethod
    def create(cls):
        return "derived " + super().create()


class More(Derived):
    def hello(self):
        return "more+" + super(Derived, self).hello()


print(Derived().hello(), Derived.create(), More().hello(), More.create())


def gen_with_state():
    seen = []
    for i in range(3):
        seen.append(i)
        yield list(seen)


print(list(gen_with_state()))


def make_adders():
    return {n: (lambda v, n=n: v + n) for n in range(3)}


print({k: f(10) for k, f in make_adders().items()})

try:
    print(undefined_thing)
except NameError as e:
    print("NameError:", e)


def unbound():
    try:
        print(z)
    except UnboundLocalError as e:
        print(e)
    z = 1


unbound()
x = 10


def shadow():
    x = 20
    def inner():
        nonlocal x
        x += 1
        return x
    return inner(), x


print(shadow(), x)
(a, b), c = (1, 2), 3
first, *middle, last = range(6)
print(a, b, c, first, middle, last)
d = {}
d["k"], d["j"] = 1, 2
lst = [0, 0, 0]
lst[0], lst[-1] = "a", "z"
print(d, lst)
i = 0
while i < 3:
    i += 1
    if i == 2:
        continue
    print("i", i)
else:
    print("while-else")
for n in []:
    pass
else:
    print("for-else on empty")
print(type(lambda: 0).__name__, (lambda: 0).__name__, (lambda: 0).__qualname__)
