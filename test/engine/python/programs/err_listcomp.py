data = [1, 0]
print([10 / x for x in data])
