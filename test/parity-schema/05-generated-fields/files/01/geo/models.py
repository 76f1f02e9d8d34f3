from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Lower


class Box(models.Model):
    name = models.CharField(max_length=30)
    width = models.IntegerField()
    height = models.IntegerField()
    area = models.GeneratedField(
        expression=F("width") * F("height"),
        output_field=models.IntegerField(),
        db_persist=True,
    )
