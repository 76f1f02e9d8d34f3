import uuid

from django.db import models
from django.utils import timezone


class Event(models.Model):
    code = models.CharField(max_length=5)
    seats = models.PositiveIntegerField(default=0)
    price = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    day = models.DateField(null=True)
    starts = models.DateTimeField(default=timezone.now)
    public = models.BooleanField(default=True)
    ref = models.UUIDField(default=uuid.uuid4, editable=False)
    score = models.FloatField(null=True)
    notes = models.JSONField(default=dict)

    def __str__(self):
        return self.code
