from django.db import models
from django.db.models import Q


class Region(models.Model):
    name = models.CharField(max_length=30)


class Order(models.Model):
    code = models.CharField(max_length=20)
    channel = models.CharField(max_length=10, default="web")
    amount = models.IntegerField(default=0)

    class Meta:
        unique_together = [("code", "channel")]
        indexes = [models.Index(fields=["channel", "-amount"], name="order_channel_amount_idx")]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="order_amount_gte_0")]
        ordering = ["-amount"]
        get_latest_by = "amount"
