from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower, Upper


class Item(models.Model):
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=20)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    discount = models.DecimalField(max_digits=8, decimal_places=2, null=True)
    created = models.DateTimeField()
    owner = models.CharField(max_length=50, null=True)

    class Meta:
        ordering = [F("owner").asc(nulls_first=True), Lower("name")]
        indexes = [
            models.Index(Lower("name"), name="item_lower_name_idx"),
            models.Index(fields=["-created"], name="item_created_desc_idx"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="item_code_ci_uniq", violation_error_message="Code already taken"),
            models.CheckConstraint(check=Q(price__gte=1), name="item_price_gte_1"),
        ]
