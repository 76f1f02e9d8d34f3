class Product:
    def __init__(self, price):
        self.price = price

    def discounted(self, pct):
        return self.price * (1 - pct / 100)

items = [Product(10), Product("x")]
for item in items:
    print(item.discounted(10))
