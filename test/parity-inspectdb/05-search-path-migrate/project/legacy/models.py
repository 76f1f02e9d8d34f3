from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=80)


class Book(models.Model):
    title = models.CharField(max_length=120, unique=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")


class OldBook(models.Model):
    title = models.CharField(max_length=120)

    class Meta:
        managed = False
        db_table = 'archive"."old_books'
