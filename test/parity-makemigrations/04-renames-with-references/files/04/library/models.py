from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class Writer(models.Model):
    full_name = models.CharField(max_length=100)


class Title(models.Model):
    title = models.CharField(max_length=200)
    code = models.CharField(max_length=13)
    writer_name = models.CharField(max_length=100)
    author = models.ForeignKey(Writer, on_delete=models.CASCADE, related_name="books")
    page_count = models.IntegerField(default=0)

    class Meta:
        unique_together = [("title", "writer_name")]
        indexes = [
            models.Index(fields=["code"], name="book_isbn_idx"),
            models.Index(fields=["title", "-page_count"]),
            models.Index(Lower("writer_name"), name="book_author_lower_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="uniq_isbn"),
            models.CheckConstraint(condition=Q(page_count__gte=0), name="pages_positive"),
        ]
