from django.db import models


class Barn(models.Model):
    name = models.CharField(max_length=30)


class Animal(models.Model):
    name = models.CharField(max_length=30)
    legs = models.PositiveIntegerField(default=4)
