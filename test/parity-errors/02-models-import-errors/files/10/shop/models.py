from django.db import models

from .helpers import slugify_name


class Item(models.Model):
    name = models.CharField(max_length=50)
