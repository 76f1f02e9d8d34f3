from django.db import models


class Publisher(models.Model):
    id = models.AutoField(primary_key=True)
    name = models.CharField(unique=True, max_length=100)

    class Meta:
        managed = False
        db_table = 'publisher'


class Author(models.Model):
    id = models.AutoField(primary_key=True)
    full_name = models.CharField(db_column='Full Name', max_length=120)

    class Meta:
        managed = False
        db_table = 'author'


class Book(models.Model):
    id = models.AutoField(primary_key=True)
    title = models.CharField(max_length=200)
    publisher = models.ForeignKey(Publisher, models.PROTECT)
    genre = models.CharField(db_column='class', max_length=10, blank=True, null=True)
    price = models.TextField(blank=True, null=True)  # a money column: inspectdb guessed
    published = models.DateField(blank=True, null=True)
    authors = models.ManyToManyField(Author, through='BookAuthor', related_name='books')

    class Meta:
        managed = False
        db_table = 'book'


class BookAuthor(models.Model):
    id = models.AutoField(primary_key=True)
    book = models.ForeignKey(Book, models.CASCADE)
    author = models.ForeignKey(Author, models.CASCADE)

    class Meta:
        managed = False
        db_table = 'book_author'
        unique_together = (('book', 'author'),)
