from django.db import models

from .utils import default_slug


class Post(models.Model):
    title = models.CharField(max_length=100)
    slug = models.SlugField(default=default_slug)
    product = models.ForeignKey("store.Product", on_delete=models.CASCADE, null=True)
