rows = [{"a": 1}]
print(rows[0]["b"])
