from django.db import models


class Shelf(models.Model):
    name = models.CharField(max_length=30)
