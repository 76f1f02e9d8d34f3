from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=30)


class Book(models.Model):
    title = models.CharField(max_length=30)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books")
    editor = models.OneToOneField(Author, models.SET_NULL, null=True, related_name="edited")
    readers = models.ManyToManyField(Author, related_name="read")
