f = lambda x: x / 0
print(sorted([1, 2], key=f))
