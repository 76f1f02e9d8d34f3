from django.db import models


class Box(models.Model):
    size = models.IntegerField(default=0)
