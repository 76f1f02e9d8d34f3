from django.db import models


class Person(models.Model):
    given = models.CharField(max_length=50)
    family = models.CharField(max_length=50)
    nickname = models.CharField(max_length=50, blank=True, db_column="nick")
    years = models.IntegerField(null=True)


class Kitten(models.Model):
    name = models.CharField(max_length=30)


class Puppy(models.Model):
    name = models.CharField(max_length=30)
