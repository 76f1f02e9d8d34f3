from django.db import models

from .helpers import make_slug


class Item(models.Model):
    name = models.CharField(max_length=50)
