"""Data-migration style code: loops, f-strings, partition, dict/list methods, try/except."""


class Person:
    def __init__(self, first_name, last_name, email=None):
        self.first_name = first_name
        self.last_name = last_name
        self.email = email
        self.name = ""

    def save(self):
        SAVED.append(self.name)


SAVED = []
people = [Person("Grace", "Hopper"), Person("Alan", "Turing", "alan@example.com"), Person("ada", "lovelace")]


def combine_names(people):
    for person in people:
        person.name = f"{person.first_name} {person.last_name}"
        person.save()


def split_names(people):
    for person in people:
        person.first_name, _, person.last_name = person.name.partition(" ")


combine_names(people)
print(SAVED)
people[0].name = "Grace Brewster Hopper"
split_names(people)
print([(p.first_name, p.last_name) for p in people])

by_domain = {}
for p in people:
    domain = (p.email or "unknown@none").rpartition("@")[2]
    by_domain.setdefault(domain, []).append(p.first_name.capitalize())
print(by_domain, sorted(by_domain.items()), list(by_domain.keys()))

counts = {}
for word in "the quick brown fox jumps over the lazy dog the end".split():
    counts[word] = counts.get(word, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top, max(counts, key=counts.get), sum(counts.values()))

rows = [{"id": i, "price": i * 1.5, "tags": ["a"] * (i % 3)} for i in range(1, 6)]
expensive = [r["id"] for r in rows if r["price"] > 3]
total = sum(r["price"] for r in rows)
print(expensive, f"{total:.2f}", {r["id"]: len(r["tags"]) for r in rows})

def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

c = make_counter()
c(); c(); c(5)
print(c())

errors = []
for raw in ["10", "x", "3.5", "", "7"]:
    try:
        value = int(raw)
    except ValueError as exc:
        errors.append(str(exc))
        continue
    else:
        print("ok", value)
    finally:
        pass
print(errors)

data = {"a": 1, "b": 2}
data.update(c=3, d=4)
popped = data.pop("a")
print(data, popped, data.pop("zz", None), list(data.values()), "b" in data, len(data))
items = [5, 3, 8, 1]
items.sort(reverse=True)
items.insert(1, 9)
items.remove(3)
print(items, items.index(8), items.count(9), items[::2], items[-2:], list(reversed(items)))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)], [x for row in matrix for x in row if x % 2])
s = "  Hello, World!  "
print(repr(s.strip()), s.lower().strip().replace("world", "there"), s.split(","), "-".join(["a", "b"]), s.strip().startswith(("He", "x")), s.find("o"), s.count("l"))
print("{:>8}|{:<6}|{:^7}|{:08.3f}|{:+d}|{:x}|{:b}|{:e}".format("right", "left", "mid", 3.14159, 42, 255, 5, 12345.678))
print("%5s|%-5s|%05d|%.2e|%x|%r|%%" % ("a", "b", 42, 1234.5, 255, "q"))
print(f"{'nested':*^12}", f"{3/7:.3%}", f"{1234567.891:,.2f}", f"{-5:5}", f"{10:#x}", f"{'x'!r}", f"{{literal}}")
