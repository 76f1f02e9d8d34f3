from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=100, default="untitled")
    body = models.TextField(null=True)
    slug = models.SlugField(null=True)
    created = models.DateTimeField(auto_now_add=True)
