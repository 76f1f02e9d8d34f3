from django.conf import settings
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class PublishedPost(Post):
    class Meta:
        proxy = True
        permissions = [("publish_post", "Can publish posts")]
