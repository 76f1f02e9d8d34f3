from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=50)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)


class Category(models.Model):
    name = models.CharField(max_length=50)
