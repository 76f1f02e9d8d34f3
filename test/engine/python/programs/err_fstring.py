value = None
print(f"value is {value.upper()}")
