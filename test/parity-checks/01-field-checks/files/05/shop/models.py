from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)
    books = models.ManyToManyField("Book", db_table="shop_book")


class Book(models.Model):
    title = models.CharField(max_length=50)
