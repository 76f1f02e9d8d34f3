from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=30)


class Book(models.Model):
    title = models.CharField(max_length=30)
    author = models.ForeignKey(Author, models.PROTECT, related_name="written", verbose_name="writer", help_text="the author", db_index=False)
    editor = models.OneToOneField(Author, models.CASCADE, related_name="edited", db_comment="the editor", default=1)
    readers = models.ManyToManyField(Author, related_name="readings", blank=True, db_comment="ignored on M2M")
