from django.db import models

from .fields import MoneyField, SkuField, TagsField


class Product(models.Model):
    sku = SkuField(primary_key=True)
    price = MoneyField()
    cost = MoneyField(currency="GBP", max_digits=8)
    tags = TagsField(null=True)
    code = SkuField(max_length=20, unique=True, null=True)


class Stock(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    amount = MoneyField(default=0)
