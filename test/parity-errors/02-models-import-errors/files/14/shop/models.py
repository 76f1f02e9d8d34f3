from django.db import models


def default_price():
    return 10 / 0


class Item(models.Model):
    name = models.CharField(max_length=50)
    price = models.IntegerField(default=default_price())
