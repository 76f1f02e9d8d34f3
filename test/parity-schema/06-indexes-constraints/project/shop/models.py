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
