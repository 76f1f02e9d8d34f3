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
        ordering = [Lower("name").desc(), F("created").asc(nulls_last=True), "-price"]
        indexes = [
            models.Index(Lower("name"), name="item_lower_name_idx"),
            models.Index(F("price").desc(), "code", name="item_price_code_idx"),
            models.Index(fields=["-created"], name="item_created_desc_idx"),
            models.Index(fields=["code"], name="item_code_partial_idx", condition=Q(price__gt=0)),
            models.Index(fields=["name"], name="item_name_incl_idx", include=["code", "owner"]),
            models.Index(fields=["code"], name="item_code_ops_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(Coalesce("discount", 0), Upper("owner"), name="item_expr_multi_idx"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="item_code_ci_uniq", violation_error_message="Code taken"),
            models.UniqueConstraint(fields=["name", "owner"], name="item_name_owner_uniq", nulls_distinct=False),
            models.UniqueConstraint(fields=["code"], name="item_code_deferred_uniq", deferrable=models.Deferrable.DEFERRED),
            models.UniqueConstraint(fields=["name"], name="item_name_incl_uniq", include=["price"]),
            models.UniqueConstraint(
                fields=["code"], name="item_code_owned_uniq", condition=Q(owner__isnull=False), violation_error_code="dup"
            ),
            models.UniqueConstraint(fields=["code"], name="item_code_opclass_uniq", opclasses=["varchar_pattern_ops"]),
            models.CheckConstraint(condition=Q(price__gte=0), name="item_price_gte_0"),
            models.CheckConstraint(
                condition=Q(discount__isnull=True) | Q(discount__lt=F("price")),
                name="item_discount_lt_price",
                violation_error_message="Discount must be below the price",
            ),
            models.CheckConstraint(condition=~Q(name="") & Q(code__regex=r"^[A-Z]{2}\d+$"), name="item_name_code_ok"),
        ]
