from django.db import models


class Widget(models.Model):
    name = models.CharField(max_length=80)
    color = models.CharField(max_length=20, default="red")
    size = models.IntegerField(default=1)
