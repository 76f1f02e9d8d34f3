from django.db import models


class Writer(models.Model):
    name = models.CharField(max_length=50)


class Book(models.Model):
    name = models.CharField(max_length=100)
    author = models.ForeignKey(Writer, on_delete=models.CASCADE)
    isbn = models.CharField(max_length=17, unique=True, null=True)
    pages = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["name"], name="book_title_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(pages__lte=5000), name="pages_max")]
