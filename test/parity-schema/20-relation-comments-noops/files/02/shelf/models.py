from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=30)


class Book(models.Model):
    title = models.CharField(max_length=30)
    author = models.ForeignKey(Author, models.PROTECT, related_name="written", db_comment="who wrote it", verbose_name="writer", help_text="the author")
    editor = models.OneToOneField(Author, models.SET_NULL, null=True, related_name="edited", db_comment="who edited it")
    readers = models.ManyToManyField(Author, related_name="readings", blank=True, db_comment="ignored on M2M")
