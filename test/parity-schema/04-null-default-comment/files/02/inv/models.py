from django.db import models
from django.db.models.functions import Now


class Item(models.Model):
    name = models.CharField(max_length=50)
    qty = models.IntegerField(default=0)
    note = models.CharField(max_length=50, db_default="n/a")
    price = models.DecimalField(max_digits=8, decimal_places=3)
    status = models.CharField(max_length=10, default="new", db_default="new")
    size = models.IntegerField()
    created = models.DateTimeField(null=True, db_default=Now())
    flag = models.BooleanField(default=False)
