from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Book(models.Model):
    title = models.CharField(max_length=50)
    authors = models.ManyToManyField(Author, through="AuthorBook")


class AuthorBook(models.Model):
    author = models.ForeignKey(Author, on_delete=models.DO_NOTHING)
    book = models.ForeignKey(Book, on_delete=models.DO_NOTHING)
    is_primary = models.BooleanField(default=False)

    class Meta:
        db_table = "core_book_authors"
