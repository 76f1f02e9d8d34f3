from django.db import models


class Person(models.Model):
    first_name = models.CharField(max_length=50)
    last_name = models.CharField(max_length=50)
    name = models.CharField(max_length=101, blank=True, default="")
    nickname = models.CharField(max_length=30, blank=True, default="")
