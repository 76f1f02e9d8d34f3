from django.db import models


class Page(models.Model):
    title = models.CharField(max_length=100, db_collation="plain_c")
    body = models.TextField()
    data = models.JSONField(default=dict)
    created = models.DateTimeField()
    views = models.IntegerField(default=0)
