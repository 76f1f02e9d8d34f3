print("hello", 1 + 2, 7 // 2, -7 // 2, 7 % -3, 2 ** -1, 10 / 4)
x = [1, 2, 3]
x.append(4)
print(x, len(x), x[-1], x[1:3], x[::-1])
d = {"a": 1}
d["b"] = 2
print(d, d.get("c", 5), list(d.items()), d.keys())
def f(a, b=2, *args, **kw):
    return a + b
print(f(1), f(1, 3))
class A:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"A({self.v!r})"
print(A(3), [A(1)])
print(f"{3.14159:.2f} {1000000:,} {42:05d} {'x'!r:>10}")
print("%s-%d-%.1f" % ("a", 3, 2.25))
print("{} {:>5}".format(1, "ab"))
s = {1, 2, 3}
print(s | {4}, s & {1, 5}, sorted(s, reverse=True))
print([i * i for i in range(5) if i % 2 == 0], {k: v for k, v in zip("ab", [1, 2])})
print(sum(x), min(x), max(x, key=lambda v: -v), any(v > 3 for v in x), all([]))
first, *rest = x
print(first, rest)
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e, repr(e))
finally:
    print("finally")
def gen(n):
    for i in range(n):
        yield i * 2
print(list(gen(3)))
print(round(2.5), round(3.5), round(2.675, 2), abs(-3), divmod(7, 2), pow(2, 10, 1000))
print(int("  42 "), int("ff", 16), float("1e3"), str(3.0), repr("a'b"), bool([]))
print("a,b,,c".split(","), " x y ".split(), "Hello World".lower().title(), "abc".upper())
print(isinstance(True, int), issubclass(bool, int), type(3).__name__, type("x"))
class B(A):
    def __init__(self, v):
        super().__init__(v * 2)
print(B(2), B.__mro__, B.__qualname__)
print(1 < 2 < 3, 1 < 3 < 2, "a" in "abc", 3 not in [1, 2])
print(0.1 + 0.2, 1e20, 1e16, 123456789.0, 1.5e-5, -0.0, float("inf"))
print(True + True, 3 * "ab", [0] * 3, (1,) + (2,))
