from django.db import models


class Item(models.Model):
    """An item for sale.
    name = models.CharField(max_length=50)
    price = models.IntegerField(default=0)
