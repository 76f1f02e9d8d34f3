from django.db import models


class Creature(models.Model):
    name = models.CharField(max_length=50)


class Keeper(models.Model):
    name = models.CharField(max_length=50)
    animals = models.ManyToManyField(Creature, related_name="keepers")


class Enclosure(models.Model):
    code = models.CharField(max_length=10)
    animal = models.ForeignKey(Keeper, on_delete=models.CASCADE)


class Bird(Creature):
    wingspan = models.IntegerField(default=0)
