from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField("self", blank=True)


class Group(models.Model):
    name = models.CharField(max_length=50)
    members = models.ManyToManyField(Person, related_name="groups")
