import datetime
import decimal
import enum
import pathlib
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mood(enum.Enum):
    HAPPY = "happy"
    SAD = "sad"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1


class Defaults:
    @classmethod
    def title(cls):
        return "untitled"

    @staticmethod
    def count():
        return 0


class Sample(models.Model):
    plus2 = models.DateTimeField(
        default=datetime.datetime(2024, 6, 1, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    )
    sci = models.DecimalField(max_digits=10, decimal_places=2, default=decimal.Decimal("1E+2"))
    negzero = models.DecimalField(max_digits=10, decimal_places=2, default=decimal.Decimal("-0.00"))
    nan = models.FloatField(default=float("nan"))
    minus_inf = models.FloatField(default=float("-inf"))
    tiny = models.FloatField(default=1e-20)
    big = models.BigIntegerField(default=-(2**62))
    flag = models.IntegerField(default=True)
    tick = models.DurationField(default=datetime.timedelta(microseconds=1))
    late = models.TimeField(default=datetime.time(23, 59, 59, 999999))
    mixed = models.JSONField(default=dict, blank=True, help_text=str({1: "a", "b": [1, (2, 3)]}))
    text = models.CharField(max_length=30, default="tab\there\x00nul ü \u2603")
    raw = models.BinaryField(default=b"caf\xc3\xa9")
    path = models.CharField(max_length=50, default=str(pathlib.PurePosixPath("/a/b")))
    mood = models.CharField(max_length=5, default=Mood.HAPPY)
    level = models.IntegerField(default=Level.HIGH)
    perm = models.IntegerField(default=Perm.R | Perm.W)
    kind = models.CharField(max_length=10, default=str)
    title = models.CharField(max_length=20, default=Defaults.title)
    count = models.IntegerField(default=Defaults.count)
    label = models.CharField(max_length=20, default=_("lazy label"), verbose_name=_("Label"))
    ref = models.UUIDField(default=uuid.UUID(int=1))
    choice_set = models.CharField(max_length=5, choices=sorted({("b", "B"), ("a", "A")}), default="a")

    class Meta:
        ordering = ("-plus2", "level")
        unique_together = ("mood", "level")
        permissions = (("tweak", "Can tweak"),)
