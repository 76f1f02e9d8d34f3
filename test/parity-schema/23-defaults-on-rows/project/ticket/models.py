from django.db import models


class Ticket(models.Model):
    title = models.CharField(max_length=30)
    open = models.BooleanField(default=True)
