from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    stock = models.IntegerField(default=0)
    released = models.DateField(null=True)
    updated = models.DateTimeField(null=True)
    data = models.JSONField(default=dict)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True)
