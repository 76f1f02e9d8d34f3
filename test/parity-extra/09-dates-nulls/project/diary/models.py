from django.db import models
from django.utils import timezone


class Person(models.Model):
    name = models.CharField(max_length=30)

    def __str__(self):
        return self.name


class Entry(models.Model):
    title = models.CharField(max_length=50)
    day = models.DateField()
    at = models.DateTimeField(default=timezone.now)
    alarm = models.TimeField(null=True)
    length = models.DurationField(null=True)
    author = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="entries")

    class Meta:
        get_latest_by = "at"

    def __str__(self):
        return self.title
