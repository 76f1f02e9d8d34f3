from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="followers")


class Group(models.Model):
    name = models.CharField(max_length=50)
    members = models.ManyToManyField(Person, related_name="clubs", db_table="club_group_people")
