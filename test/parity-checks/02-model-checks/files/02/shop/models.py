from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=20)


class Author(models.Model):
    name = models.CharField(max_length=50)
    tags = models.ManyToManyField(Tag)

    class Meta:
        ordering = "name"


class Book(models.Model):
    title = models.CharField(max_length=50)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    tags = models.ManyToManyField(Tag)
    published = models.DateField(null=True)

    class Meta:
        unique_together = [("title", "missing"), ("title", "tags")]
        ordering = ["-published__year", "author__name", "author__nope", "title__foo__bar", "tags", "?", "pk", "book_set", "author_id", "-missing"]
        indexes = [
            models.Index(fields=["title", "nothere"], name="_bad_name"),
            models.Index(fields=["-published"], name="1_starts_with_digit"),
            models.Index(fields=["author"], name="this_index_name_is_far_too_long_for_django"),
            models.Index(fields=["tags"], name="shop_book_tags_idx"),
        ]


class Chapter(Book):
    number = models.IntegerField()

    class Meta:
        unique_together = ["title", "number"]
        indexes = [models.Index(fields=["title"], name="chapter_title_idx")]


class Shelf(models.Model):
    label = models.CharField(max_length=10)

    class Meta:
        ordering = ["label"]
        order_with_respect_to = "label"
