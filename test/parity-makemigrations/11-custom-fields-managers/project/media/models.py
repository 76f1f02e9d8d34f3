import re
from pathlib import PurePosixPath

from django.core.validators import EmailValidator, RegexValidator, validate_slug
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class TrackQuerySet(models.QuerySet):
    def long(self):
        return self.filter(seconds__gt=300)


class TrackManager(models.Manager):
    use_in_migrations = True


class Track(models.Model):
    title = models.CharField(_("title"), max_length=100, help_text=_("The track's title"))
    code = UpperCharField(unique=True)
    price = PriceField()
    cost = PriceField(max_digits=10)
    seconds = models.PositiveIntegerField(_("length in seconds"), default=0)
    contact = models.CharField(max_length=80, validators=[EmailValidator(message="Bad email"), validate_slug])
    isrc = models.CharField(
        max_length=12, validators=[RegexValidator(re.compile(r"^[A-Z]{2}\w+$", re.IGNORECASE))]
    )
    folder = models.CharField(max_length=50, default=str(PurePosixPath("/music") / "new"))
    path = models.FilePathField(path="/srv/music", match=r".*\.mp3$", recursive=True)
    tags = models.JSONField(default=list, blank=True)
    weights = models.CharField(max_length=20, default=str({1, 2, 3}))

    objects = TrackManager()
    long_ones = TrackQuerySet.as_manager()

    class Meta:
        verbose_name = _("track")
        ordering = ["title"]
