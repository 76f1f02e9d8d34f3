from django.db import models


class Person(models.Model):
    given = models.CharField(max_length=50)
    family = models.CharField(max_length=50)
    nickname = models.CharField(max_length=50, blank=True, db_column="nick")
    years = models.IntegerField(null=True)


class Cat(models.Model):
    name = models.CharField(max_length=30)


class Dog(models.Model):
    name = models.CharField(max_length=30)
