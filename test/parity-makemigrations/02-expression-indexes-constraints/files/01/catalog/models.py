import datetime

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
            models.Index(F("price").desc(), "code", name="item_price_code_idx"),
            models.Index(fields=["-created"], name="item_created_desc_idx"),
            models.Index(fields=["code"], name="item_code_partial_idx", condition=Q(price__gt=10)),
            models.Index(fields=["name"], name="item_name_incl_idx", include=["code", "owner"]),
            models.Index(Coalesce("discount", 0), Upper("owner"), name="item_expr_multi_idx"),
            models.Index(fields=["owner", "-price"], name="item_owner_price_idx"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="item_code_ci_uniq", violation_error_message="Code already taken"),
            models.UniqueConstraint(fields=["name", "owner"], name="item_name_owner_uniq", nulls_distinct=True),
            models.UniqueConstraint(fields=["code"], name="item_code_deferred_uniq", deferrable=models.Deferrable.IMMEDIATE),
            models.UniqueConstraint(fields=["name"], name="item_name_incl_uniq", include=["price"]),
            models.UniqueConstraint(fields=["code"], name="item_code_opclass_uniq", opclasses=["varchar_pattern_ops"]),
            models.CheckConstraint(condition=Q(price__gte=0), name="item_price_gte_0"),
            models.CheckConstraint(
                condition=Q(discount__isnull=True) | Q(discount__lt=F("price")),
                name="item_discount_lt_price",
                violation_error_message="Discount must be below the price",
            ),
            models.CheckConstraint(condition=~Q(name="") & Q(code__regex=r"^[A-Z]{2}\d+$"), name="item_name_code_ok"),
            models.CheckConstraint(
                condition=Q(created__gte=datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)), name="item_recent", violation_error_code="old"
            ),
        ]
