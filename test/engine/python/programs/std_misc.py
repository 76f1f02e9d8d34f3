import uuid, json, re, pathlib, os, math, functools, itertools, collections, copy, enum, textwrap, operator, string, sys
from pathlib import Path
print(repr(uuid.UUID("12345678123456781234567812345678")), uuid.UUID("12345678-1234-5678-1234-567812345678").hex, uuid.uuid4.__module__, uuid.uuid4.__qualname__)
u = uuid.uuid4()  # random: only stable properties are printed
print(u.version, len(str(u)), u.variant)
print(json.dumps({"b": [1, 2.5, None, True], "a": "é\n"}), json.dumps({"b": 1, "a": [1, 2]}, indent=2, sort_keys=True))
print(json.loads('{"x": [1, 2.0, "s", null, true, {"y": -3e2}]}'))
try:
    json.loads("{bad")
except json.JSONDecodeError as e:
    print(e)
m = re.match(r"(?P<year>\d{4})-(\d{2})", "2026-01-02")
print(m.group(0), m.group("year"), m.groups(), m.span(2), m.groupdict(), m)
print(re.sub(r"\s+", " ", "a  b\t\tc"), re.findall(r"\d+", "a1b22c333"), re.split(r"[,;]", "a,b;c"), re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@host"))
print(re.search("b+", "aabbbcc").span(), re.fullmatch("a.c", "abc") is not None, re.match("x", "abc"), re.compile("a", re.I).pattern)
print(re.findall(r"(\w)(\d)", "a1 b2"), re.sub("x*", "-", "abc"), re.escape("a.b*c"))
BASE_DIR = Path("/proj/mysite/settings.py").resolve().parent.parent
print(BASE_DIR, repr(BASE_DIR / "db.sqlite3"), (BASE_DIR / "a" / "b.txt").suffix, Path("a/b/c.tar.gz").suffixes, Path("/x/y").name, Path("x.py").stem)
print(Path("/a/b/../c").resolve(), Path("a") / "b", str(Path("/")), Path("/a/b").parts, list(Path("/a/b/c").parents))
print(os.path.join("/a", "b", "c.py"), os.path.dirname("/a/b/c.py"), os.path.basename("/a/b/c.py"), os.environ.get("X", "dflt"), os.getenv("NOPE_X"))
print(math.floor(2.5), math.ceil(2.1), math.sqrt(16), math.pi, math.gcd(12, 18), math.isclose(0.1 + 0.2, 0.3), math.factorial(5))
print(functools.reduce(lambda x, y: x + y, [1, 2, 3]), functools.partial(int, base=2)("101"))
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60))
print(list(itertools.chain([1], (2, 3))), list(itertools.islice(itertools.count(5), 3)), list(itertools.product("ab", [1, 2])))
print([(k, list(g)) for k, g in itertools.groupby("aabbbc")], list(itertools.zip_longest([1, 2], [3], fillvalue=0)), list(itertools.combinations(range(4), 2)))
d = collections.defaultdict(list)
d["a"].append(1)
print(d, collections.Counter("abracadabra").most_common(2), collections.OrderedDict([("x", 1)]))
P = collections.namedtuple("P", "x y")
p = P(1, y=2)
print(p, p.x, p._asdict(), p._replace(x=5), P._fields, isinstance(p, tuple))
dq = collections.deque([1, 2], maxlen=3)
dq.appendleft(0); dq.append(3)
print(dq, dq.popleft())
x = {"a": [1, {"b": 2}]}
y = copy.deepcopy(x); y["a"][1]["b"] = 3
print(x, y, copy.copy([1, [2]]))
class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = enum.auto()
print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], list(Color), Color.RED.name, Color.BLUE.value, Color.RED in Color, len(Color))
class Status(str, enum.Enum):
    ACTIVE = "active"
print(Status.ACTIVE == "active", Status("active"), Status.ACTIVE.value)
class Num(enum.IntEnum):
    ONE = 1
print(Num.ONE + 1, Num.ONE == 1, str(Num.ONE), repr(Num.ONE))
print(textwrap.dedent("""
    hello
      world
"""), operator.itemgetter(1)([4, 5]), operator.attrgetter("x")(p), string.ascii_lowercase[:5], sys.version_info[:2])
