from django.db import models


class UpperCharField(models.CharField):
    description = "Upper-cased text"

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 40
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs


class PriceField(models.DecimalField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)


class Track(models.Model):
    title = models.CharField(max_length=100)
    year = models.PositiveSmallIntegerField(null=True)


class TrackManager(models.Manager):
    use_in_migrations = True
