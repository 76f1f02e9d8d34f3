def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "done"


def chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def flatten(nested):
    for x in nested:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x


print(list(countdown(3)), list(chunks(list(range(7)), 3)), list(flatten([1, [2, [3, 4]], 5])))
g = (x * x for x in range(4))
print(next(g), next(g), list(g), next(g, "empty"))
it = iter([1, 2])
print(next(it), next(it), next(it, None))
print(sum(x for x in range(10) if x % 3 == 0), any(x > 8 for x in range(10)), all(x < 5 for x in range(3)))
print(dict(enumerate("abc", start=1)), list(zip("ab", range(5))), list(map(str.upper, ["a", "b"])), list(filter(None, [0, 1, "", "x"])))
squares = {x: x * x for x in range(4)}
evens = {x for x in range(10) if x % 2 == 0}
print(squares, evens, sorted(evens, reverse=True))
total = 0
for i, ch in enumerate("hello"):
    if ch == "l":
        continue
    if i > 3:
        break
    total += i
else:
    total = -1
print(total)
while True:
    total += 1
    if total > 5:
        break
print(total)
nums = [3, 1, 2]
print(sorted(nums), nums, sorted(["b", "A", "c"], key=str.lower), min("hello"), max([1, 5, 3]), sorted([(1, "b"), (1, "a"), (0, "z")]))
x = [1, 2, 3, 4, 5]
x[1:3] = ["a", "b", "c"]
del x[0]
x[::2] = [0, 0, 0]
print(x)
print([i for i in range(3)] + [None] * 2, (1, 2) * 2, "ab" * 3, [[0] * 2 for _ in range(2)])
if (n := len(x)) > 3:
    print("long", n)
print(int("0x1f", 16), int("  -42  "), int("1_000"), float("  2.5e3 "), round(-2.5), round(0.125, 2), 7 // -2, -7 % 3, 2 ** 100, 10 ** -2)
print(divmod(-7, 2), abs(-7.5), pow(3, 4), hex(255), oct(8), bin(5), chr(65), ord("a"), bool(""), str(None), repr(1.0), 1e100, 1 / 3)
print(3 == 3.0, None is None, type(None).__name__, isinstance(1.0, (int, float)), 0.1 + 0.2 == 0.3)
