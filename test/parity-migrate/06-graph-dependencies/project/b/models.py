from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=50)
    author = models.ForeignKey("a.Author", on_delete=models.CASCADE)
    tag = models.ForeignKey("c.Tag", on_delete=models.SET_NULL, null=True)
    pages = models.IntegerField(default=0)
