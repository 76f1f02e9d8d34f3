def price():
    return None
total = price() + 5
