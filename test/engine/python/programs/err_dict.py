data = {"a": 1}
x = {"k": data["missing"], "j": 2}
