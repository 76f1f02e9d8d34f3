def combine(a, b):
    total = a / b
    return total

def run():
    return combine(1, 0)

run()
