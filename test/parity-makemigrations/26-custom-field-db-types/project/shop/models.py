from django.db import models

from .fields import MoneyField, SkuField, TagsField


class Product(models.Model):
    sku = SkuField(primary_key=True)
    price = MoneyField()
    cost = MoneyField(currency="USD", max_digits=8)
    tags = TagsField(null=True)


class Stock(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    amount = MoneyField(default=0)
