from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Lower, Now


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    quantity = models.IntegerField(db_default=0)
    created = models.DateTimeField(db_default=Now())
    notes = models.TextField(null=True)
    total = models.GeneratedField(
        expression=F("price") * F("quantity"),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
        db_persist=True,
    )
