from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=50)
    tags = models.ManyToManyField("Tag", on_delete=models.CASCADE)


class Tag(models.Model):
    name = models.CharField(max_length=20)
