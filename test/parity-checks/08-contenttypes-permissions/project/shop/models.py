from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=50)


class Tag(models.Model):
    label = models.CharField(max_length=20)
    items = models.ManyToManyField(Item)
