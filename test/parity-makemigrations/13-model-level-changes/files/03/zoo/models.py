from django.db import models


class Creature(models.Model):
    name = models.CharField(max_length=50)


class Caretaker(models.Model):
    name = models.CharField(max_length=50)
    animals = models.ManyToManyField(Creature, related_name="keepers")

    class Meta:
        db_table = "zoo_keeper"


class Enclosure(models.Model):
    code = models.CharField(max_length=10)
    animal = models.ForeignKey(Caretaker, on_delete=models.CASCADE)

    class Meta:
        managed = False


class Bird(models.Model):
    name = models.CharField(max_length=50)
    wingspan = models.IntegerField(default=0)
