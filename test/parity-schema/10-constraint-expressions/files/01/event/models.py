import datetime

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Length, Lower, Upper


class Venue(models.Model):
    name = models.CharField(max_length=50, db_default="TBD")
    capacity = models.IntegerField(db_default=100)

    class Meta:
        db_table_comment = "Where events happen"
        unique_together = [("name", "capacity")]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="venue_capacity_pos"),
        ]


class Event(models.Model):
    title = models.CharField(max_length=80)
    code = models.CharField(max_length=10, null=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    price = models.DecimalField(max_digits=7, decimal_places=2)
    venue = models.ForeignKey(Venue, models.PROTECT, db_comment="host venue")
    seats = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(Coalesce("code", Value("none")), name="event_code_coalesce_idx"),
            models.Index(fields=["start"], name="event_future_idx", condition=Q(seats__gt=0) & ~Q(code=None)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_end_after_start"),
            models.CheckConstraint(condition=Q(price__range=(0, 1000)), name="event_price_range"),
            models.CheckConstraint(condition=Q(code__isnull=True) | Q(code__startswith="EV"), name="event_code_prefix"),
            models.CheckConstraint(condition=~Q(title__iexact="test"), name="event_title_not_test", violation_error_message="no tests"),
            models.UniqueConstraint(Lower("title"), F("venue"), name="event_title_venue_uniq"),
            models.CheckConstraint(condition=Q(title__regex=r"^[A-Z]"), name="event_title_capital"),
            models.CheckConstraint(condition=Q(seats__in=[10, 20, 50]) | Q(seats__gte=100), name="event_seats_sizes"),
            models.CheckConstraint(condition=Q(title__contains="%") & Q(title__icontains="x") | Q(title__endswith="_"), name="event_title_chars"),
            models.CheckConstraint(condition=Q(start__gte=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)) & Q(end__lt=datetime.datetime(2100, 1, 1, 12, 30, tzinfo=datetime.timezone.utc)), name="event_start_recent"),
            models.UniqueConstraint(Upper("code"), name="event_upper_code_uniq", condition=Q(seats__lt=10) | Q(code__isnull=False)),
            models.CheckConstraint(condition=Q(price__gt=F("seats") * 2 + 1), name="event_price_vs_seats"),
        ]
