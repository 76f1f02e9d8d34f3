from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=30)


class Book(models.Model):
    title = models.CharField(max_length=30)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books", db_comment="who wrote it")
    editor = models.OneToOneField(Author, models.SET_NULL, null=True, related_name="edited", db_comment="who edited it")
    readers = models.ManyToManyField(Author, related_name="read", db_comment="ignored on M2M")
