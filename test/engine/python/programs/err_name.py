def f():
    value = 1
    return valeu + 1
print(f())
