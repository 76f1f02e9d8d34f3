import datetime
import decimal
import functools
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone


class Color(models.TextChoices):
    RED = "r", "Red"
    GREEN = "g", "Green"
    DARK_BLUE = "db"
    YELLOW = "y", "Yellow"


class Size(models.IntegerChoices):
    SMALL = 1, "Small"
    MEDIUM = 2
    LARGE = 3, "Large"


def default_tags():
    return ["a", "b"]


def upload_to(instance, filename):
    return f"prefs/{filename}"


class Setting(models.Model):
    color = models.CharField(max_length=2, choices=Color.choices, default=Color.GREEN)
    size = models.IntegerField(choices=Size, default=Size.MEDIUM)
    mode = models.CharField(max_length=5, choices={"on": "On", "off": "Off"}, default="on")
    grouped = models.CharField(
        max_length=5, choices=[("a", "A"), ("Group", [("b", "B"), ("c", "C")])], default="a"
    )
    price = models.DecimalField(max_digits=6, decimal_places=2, default=decimal.Decimal("9.99"))
    start = models.DateField(default=datetime.date(2024, 1, 31))
    at = models.DateTimeField(default=datetime.datetime(2024, 1, 31, 12, 30, tzinfo=datetime.timezone.utc))
    when = models.TimeField(default=datetime.time(8, 15))
    wait = models.DurationField(default=datetime.timedelta(days=1, hours=2))
    token = models.UUIDField(default=uuid.uuid4)
    fixed = models.UUIDField(default=uuid.UUID("12345678-1234-5678-1234-567812345678"))
    tags = models.JSONField(default=default_tags)
    data = models.JSONField(default=dict)
    ratio = models.FloatField(default=0.5)
    big = models.FloatField(default=float("inf"))
    code = models.CharField(
        max_length=10, default="ABC", validators=[RegexValidator(r"^[A-Z]+$", message="Upper only")]
    )
    qty = models.IntegerField(
        default=functools.partial(int, "5"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    created = models.DateTimeField(default=timezone.now)
    today = models.DateField(default=datetime.date.today)
    doc = models.FileField(upload_to=upload_to, blank=True)
    label = models.CharField(max_length=20, default="it's \"quoted\"\n", help_text="Zürich ✓")
    raw = models.BinaryField(default=b"\x00\xff")
    weights = models.JSONField(default=(1, 2.5))
    letters = models.JSONField(default=frozenset())
    limits = models.JSONField(default={"min": 1, "max": None})
    naive = models.DateTimeField(default=datetime.datetime(2024, 5, 6, 7, 8))
    sizes = models.CharField(max_length=10, choices=[(s.value, s.label) for s in Size], default="1")
