import uuid
from decimal import Decimal
import datetime

from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Now


class Ticket(models.Model):
    title = models.CharField(max_length=30)
    open = models.BooleanField(default=True)
    ref = models.UUIDField(default=uuid.uuid4, unique=True)
    code = models.CharField(max_length=10, db_default=Concat(Value("T-"), Value("0")), unique=True)
    price = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("9.90"))
    due = models.DateField(default=datetime.date(2026, 3, 1))
    touched = models.DateTimeField(auto_now=True)
    seen = models.DateTimeField(db_default=Now(), null=True)
    ratio = models.FloatField(default=1.5)
    blob = models.BinaryField(default=b"ab")
    tags = models.JSONField(default=list)
