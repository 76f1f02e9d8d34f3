from django.db import models


class Reader(models.Model):
    name = models.CharField(max_length=100)
    wishlist = models.ManyToManyField("library.Book", related_name="wished_by")


class Loan(models.Model):
    book = models.ForeignKey("library.Book", on_delete=models.PROTECT)
    reader = models.ForeignKey(Reader, on_delete=models.CASCADE)
    due = models.DateField()
