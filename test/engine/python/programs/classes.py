class Base:
    registry = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Base.registry.append(cls.__name__)

    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"{type(self).__name__}({self.name})"

    def __repr__(self):
        return self.describe()

    def __eq__(self, other):
        return isinstance(other, Base) and self.name == other.name

    def __hash__(self):
        return hash(self.name)


class Child(Base):
    kind = "child"

    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def describe(self):
        return super().describe() + f" aged {self.age}"

    @property
    def adult(self):
        return self.age >= 18

    @adult.setter
    def adult(self, value):
        self.age = 18 if value else 0

    @classmethod
    def make(cls, spec):
        name, _, age = spec.partition(":")
        return cls(name, int(age))

    @staticmethod
    def helper(x):
        return x * 2


class Book:
    class Meta:
        ordering = ["-title"]

    class Genre:
        FICTION = "F"

    def method(self):
        def inner():
            pass
        return inner


c = Child.make("ann:17")
print(c, c.adult, Child.helper(21), Base.registry, c == Child("ann", 3), len({c, Child("ann", 1)}))
c.adult = True
print(c.age, c.kind, Child.kind, isinstance(c, Base), issubclass(Child, Base), Child.__mro__)
print(Book.Meta.__qualname__, Book.Genre.__qualname__, Book.method.__qualname__, Book().method().__qualname__, Book.__module__)
print(type(c).__name__, c.__class__.__name__, c.__dict__, hasattr(c, "age"), getattr(c, "nope", 42))


class Meta(type):
    def __new__(mcs, name, bases, ns):
        ns["created_by"] = "Meta"
        cls = super().__new__(mcs, name, bases, ns)
        return cls


class WithMeta(metaclass=Meta):
    x = 1


print(WithMeta.created_by, type(WithMeta).__name__, WithMeta.x)


class Descriptor:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, "default") + "!"

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value.upper()


class UsesDescriptor:
    field = Descriptor()


u = UsesDescriptor()
print(u.field)
u.field = "hi"
print(u.field, UsesDescriptor.field.name)


class Q:
    def __init__(self, **kw):
        self.kw = kw
        self.negated = False

    def __invert__(self):
        q = Q(**self.kw)
        q.negated = not self.negated
        return q

    def __or__(self, other):
        return f"({self!r} OR {other!r})"

    def __repr__(self):
        return ("NOT " if self.negated else "") + f"Q({', '.join(f'{k}={v!r}' for k, v in self.kw.items())})"


print(~Q(name="x"), Q(a=1) | ~Q(b=2))


class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vector(self.x + o.x, self.y + o.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __bool__(self):
        return bool(self.x or self.y)

    def __contains__(self, v):
        return v in (self.x, self.y)

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"


v = Vector(1, 2) + Vector(3, 4)
print(v, 2 * v, v * 3, sorted([Vector(2, 1), Vector(1, 5)]), len(v), v[1], list(v), bool(Vector(0, 0)), 4 in v)
a, b = v
print(a, b, max(Vector(1, 1), Vector(0, 9)))


def deco(tag):
    def wrap(fn):
        def inner(*args, **kwargs):
            return f"<{tag}>{fn(*args, **kwargs)}</{tag}>"
        inner.__name__ = fn.__name__
        return inner
    return wrap


@deco("b")
@deco("i")
def greet(name, punct="!"):
    return f"hi {name}{punct}"


print(greet("bob"), greet("amy", punct="?"), greet.__name__)


class Ctx:
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        print("enter", self.label)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.label, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError


with Ctx("a") as ctx, Ctx("b"):
    print("body", ctx.label)
with Ctx("c"):
    raise KeyError("swallowed")
print("after")
