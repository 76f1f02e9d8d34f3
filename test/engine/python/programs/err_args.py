def combine(a, b):
    return a + b
try:
    combine(1)
except TypeError as e:
    print(e)
try:
    combine(1, 2, 3)
except TypeError as e:
    print(e)
try:
    combine(1, c=2)
except TypeError as e:
    print(e)
try:
    combine(1, a=2)
except TypeError as e:
    print(e)
class A:
    def m(self, x):
        pass
try:
    A().m()
except TypeError as e:
    print(e)
try:
    1 + "a"
except TypeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
f = None
try:
    f()
except TypeError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
try:
    int("x")
except ValueError as e:
    print(e)
try:
    {}["missing"]
except KeyError as e:
    print(repr(e), e)
def g():
    print(y)
    y = 1
try:
    g()
except UnboundLocalError as e:
    print(e)
combine(1, "a")
