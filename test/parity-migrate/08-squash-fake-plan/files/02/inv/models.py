from django.db import models


class Item(models.Model):
    sku = models.CharField(max_length=12, unique=True)
    qty = models.IntegerField(default=0)


class Bin(models.Model):
    code = models.CharField(max_length=5)
    items = models.ManyToManyField(Item)
