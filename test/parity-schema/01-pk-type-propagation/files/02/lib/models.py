from django.db import models


class Tag(models.Model):
    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=30)


class Publisher(models.Model):
    code = models.BigIntegerField(unique=True)
    name = models.CharField(max_length=50)


class Author(models.Model):
    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=50)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, models.CASCADE)
    editor = models.OneToOneField(Author, models.SET_NULL, null=True, related_name="edited")
    publisher = models.ForeignKey(Publisher, models.SET_NULL, null=True, to_field="code")
    tags = models.ManyToManyField(Tag)
    fans = models.ManyToManyField(Author, related_name="favourites")


class Legacy(models.Model):
    num = models.IntegerField(primary_key=True)
    label = models.CharField(max_length=20)
