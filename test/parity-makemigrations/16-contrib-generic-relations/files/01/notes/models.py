from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Tag(models.Model):
    label = models.CharField(max_length=30)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, limit_choices_to={"app_label": "notes"})
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]


class Note(models.Model):
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="edited_notes", blank=True)
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True)
    tags = GenericRelation(Tag, related_query_name="note")
