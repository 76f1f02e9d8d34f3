def combine(a, b):
    return a + b

result = combine(1)
