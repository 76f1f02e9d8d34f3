from django.db import models


class Animal(models.Model):
    name = models.CharField(max_length=50)


class Keeper(models.Model):
    name = models.CharField(max_length=50)
    animals = models.ManyToManyField(Animal, related_name="keepers")


class Enclosure(models.Model):
    code = models.CharField(max_length=10)
    animal = models.ForeignKey(Animal, on_delete=models.CASCADE)
