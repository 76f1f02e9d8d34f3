from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Lower, Now


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    quantity = models.IntegerField(db_default=1)
    created = models.DateTimeField(db_default=Now())
    notes = models.TextField(db_default="")
    total = models.GeneratedField(
        expression=F("price") * F("quantity"),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
        db_persist=True,
    )
    status = models.CharField(max_length=10, db_default="new")
    sku = models.CharField(max_length=20, default="tbd", db_default="none")
    label = models.GeneratedField(
        expression=Concat(Lower("name"), Value(" #"), "status"),
        output_field=models.CharField(max_length=140),
        db_persist=True,
    )
    in_stock = models.BooleanField(db_default=Value(True))
