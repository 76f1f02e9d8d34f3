from django.db import models


class Item(models.Model):
    name = models.CharField(50)
    price = models.DecimalField(6, 2)
