from django.db import models


class Person(models.Model):
    first = models.CharField(max_length=50)
    last = models.CharField(max_length=50)
    nick = models.CharField(max_length=50, blank=True)
    age = models.IntegerField(default=0)


class Cat(models.Model):
    name = models.CharField(max_length=30)


class Dog(models.Model):
    name = models.CharField(max_length=30)
