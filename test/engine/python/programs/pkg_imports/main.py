import shop
from shop import models
from shop.models import Product, PRICE_UNIT as unit
import shop.migrations.m0001_initial as first
from shop.migrations import m0001_initial

print(shop.__name__, models.__name__, Product.__module__, unit, first.Migration.dependencies, m0001_initial is first)
print(first.Migration.operations, first.forwards.__module__, first.forwards.__qualname__)
print(shop.VERSION, shop.helper(), models.__package__, first.__package__)
from shop import missing
