from django.db import models


class Review(models.Model):
    volume = models.ForeignKey("library.Volume", on_delete=models.CASCADE)
    stars = models.PositiveSmallIntegerField()
