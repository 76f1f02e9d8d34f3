from django.db import models
import requests


class Item(models.Model):
    name = models.CharField(max_length=50)
