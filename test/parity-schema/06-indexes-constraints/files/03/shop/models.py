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
            models.Index(fields=["sku"], name="product_sku_include_idx", include=["price", "stock"]),
            models.Index(fields=["name"], name="prod_name_ops_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["-price", "stock"], name="prod_price_stock_idx", condition=Q(active=True)),
            models.Index(fields=["category", "stock"], name="prod_cat_stock_idx"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("sku"), name="uniq_lower_sku"),
            models.UniqueConstraint(fields=["category", "name"], condition=Q(active=True), name="uniq_active_cat_name"),
            models.UniqueConstraint(fields=["sku"], include=["price"], name="uniq_sku_cov"),
            models.UniqueConstraint(fields=["name", "category"], deferrable=Deferrable.DEFERRED, name="uniq_name_cat_def"),
            models.UniqueConstraint(fields=["sku", "category"], deferrable=Deferrable.IMMEDIATE, name="uniq_sku_cat_imm"),
            models.UniqueConstraint(fields=["name"], opclasses=["varchar_pattern_ops"], name="uniq_name_ops"),
            models.UniqueConstraint(fields=["sku", "name"], nulls_distinct=False, name="uniq_sku_name_nnd"),
            models.CheckConstraint(condition=Q(price__gte=0) & Q(stock__gte=0), name="price_stock_pos"),
            models.CheckConstraint(condition=Q(category__in=["a", "b"]) | Q(active=False), name="cat_known"),
        ]
