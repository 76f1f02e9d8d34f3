items = [1, 2]
d = {"a": {"b": 1}}
print(d["a"]["b"])
print(items[5])
