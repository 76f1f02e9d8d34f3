from django.db import models


class Archive(models.Model):
    note = models.CharField(max_length=50)
