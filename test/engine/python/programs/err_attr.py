class Product:
    def __init__(self):
        self.name = "x"
p = Product()
print(p.nme)
