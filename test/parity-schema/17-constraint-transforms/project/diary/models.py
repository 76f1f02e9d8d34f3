from django.db import models
from django.db.models import F, Q


class Entry(models.Model):
    title = models.CharField(max_length=50)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True)
    day = models.DateField()
    at = models.TimeField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(start__year__gte=2020), name="entry_start_recent"),
            models.CheckConstraint(condition=Q(day__year=2026) | Q(day__year__lt=2000), name="entry_day_year"),
            models.CheckConstraint(condition=Q(start__date__lte=F("end__date")), name="entry_same_or_later_day"),
            models.CheckConstraint(condition=Q(start__month__in=[1, 2, 3]) | Q(day__week_day=2), name="entry_quarter_or_monday"),
            models.CheckConstraint(condition=~Q(end__hour__gt=22), name="entry_not_late"),
            models.CheckConstraint(condition=Q(at__minute=0) | Q(start__date__year__gt=2024), name="entry_on_the_hour"),
            models.CheckConstraint(condition=Q(start__year__lte=F("day__year")), name="entry_year_vs_day"),
        ]
        indexes = [
            models.Index(fields=["day"], name="entry_weekend_idx", condition=Q(day__iso_week_day__gte=6)),
        ]
