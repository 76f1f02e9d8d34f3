from django.db import models


class Thing(models.Model):
    label = models.CharField(max_length=20, unique=True)
    item = models.ForeignKey("shop.Item", on_delete=models.CASCADE)


class Gadget(models.Model):
    things = models.ManyToManyField(Thing)


class Outside(models.Model):
    class Meta:
        managed = False
