PRICE_UNIT = "EUR"


class Product:
    pass
