from django.db import models
from django.db.models.functions import Now


class Item(models.Model):
    name = models.CharField(max_length=50)
    qty = models.IntegerField(default=0)
    note = models.CharField(max_length=50, db_default="n/a")
    price = models.DecimalField(max_digits=6, decimal_places=2)
    status = models.CharField(max_length=10, default="new")
    size = models.TextField()
    created = models.DateTimeField(null=True)
    flag = models.BooleanField(default=False)
