from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Item(models.Model):
    name = models.CharField(max_length=50)
    category = models.ForeignKey(Categry, on_delete=models.CASCADE)
