from django.db import models
from django.db.models import Deferrable, F, Q
from django.db.models.functions import Lower, Upper


class Product(models.Model):
    name = models.CharField(max_length=100)
    sku = models.CharField(max_length=20)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    category = models.CharField(max_length=30)
    stock = models.IntegerField()
    active = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(Lower("name"), name="prod_lower_name_idx"),
            models.Index(Upper("sku"), F("price").desc(), name="prod_upper_sku_price_idx"),
            models.Index(fields=["sku"], name="prod_sku_inc_idx", include=["price", "stock"]),
            models.Index(fields=["name"], name="prod_name_ops_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["-price", "stock"], name="prod_price_stock_idx", condition=Q(active=True)),
            models.Index(fields=["category", "stock"]),
        ]
