VERSION = (1, 0)


def helper():
    from .models import Product
    return Product.__name__
