import uuid

from django.db import models


class Note(models.Model):
    heading = models.CharField(max_length=100, default="untitled")
    body = models.TextField()
    slug = models.SlugField()
    ref = models.UUIDField(default=uuid.uuid4, unique=True)
