from django.db import models
from django.db.models import Q


class Region(models.Model):
    name = models.CharField(max_length=30)


class Order(models.Model):
    code = models.CharField(max_length=20)
    customer = models.CharField(max_length=50)
    status = models.CharField(max_length=10)
    total = models.IntegerField(default=0)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True)

    class Meta:
        unique_together = [("code", "customer")]
        indexes = [models.Index(fields=["status"], name="order_status_idx")]
        constraints = [models.CheckConstraint(condition=Q(total__gte=0), name="order_total_gte_0")]
        ordering = ["status"]
