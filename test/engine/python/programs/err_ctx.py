try:
    [][1]
except IndexError:
    None.foo
