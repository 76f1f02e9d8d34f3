from django.contrib.auth.models import User
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Note(models.Model):
    author = models.ForeignKey(User, on_delete=models.CASCADE)
    kind = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target = GenericForeignKey("content_type", "object_pk")
    other = GenericForeignKey("author", "text")
    text = models.TextField()
