import datetime

from django.db import models
from django.utils import timezone


class Event(models.Model):
    code = models.AutoField()
    starts = models.DateTimeField(default=timezone.now())
    day = models.DateField(default=datetime.date(2020, 5, 1))
    noon = models.TimeField(default=datetime.time(12, 0))
    created = models.DateTimeField(auto_now=True, auto_now_add=True)
    updated = models.DateField(auto_now=True, default=datetime.date(2020, 1, 1))
    ip = models.GenericIPAddressField(blank=True)
    path = models.FilePathField(allow_files=False)
    blob = models.BinaryField(default="abc")
    attachment = models.FileField(upload_to="/uploads/")
    picture = models.ImageField(upload_to="pics/")
    data = models.JSONField(default={})
    extra = models.JSONField(default=dict)
    ident = models.CharField(max_length=10, primary_key=True, null=True)
    hours = models.IntegerField(max_length=4)
