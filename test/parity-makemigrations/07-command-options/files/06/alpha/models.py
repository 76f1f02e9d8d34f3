from django.db import models


class Widget(models.Model):
    name = models.CharField(max_length=50)
    color = models.CharField(max_length=20, default="red")
    weight = models.IntegerField(null=True)
    price = models.IntegerField(default=0)
    stock = models.IntegerField(default=0)
    sku = models.CharField(max_length=10, blank=True)
