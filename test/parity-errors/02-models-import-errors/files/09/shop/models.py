from django.db import models


class Item(models.Model):
    SIZES = [
        ("S", "Small")
        ("M", "Medium"),
    ]
    name = models.CharField(max_length=50)
    size = models.CharField(max_length=1, choices=SIZES)
