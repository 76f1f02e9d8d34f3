from decimal import Decimal

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Lower, Now
from django.db.models.lookups import GreaterThan, LessThanOrEqual


class Supplier(models.Model):
    name = models.CharField(max_length=30)


class Part(models.Model):
    name = models.CharField(max_length=30)
    code = models.CharField(max_length=10)
    active = models.BooleanField(default=True)
    price = models.DecimalField(max_digits=6, decimal_places=2)
    stock = models.IntegerField()
    reserved = models.IntegerField(default=0)
    supplier = models.ForeignKey(Supplier, models.SET_NULL, null=True)
    created = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(active=True) ^ Q(stock=0), name="part_active_xor_empty"),
            models.CheckConstraint(condition=Q(active=False) | Q(supplier__isnull=False), name="part_active_has_supplier"),
            models.CheckConstraint(condition=~Q(name="") & ~Q(code__exact=""), name="part_names_not_empty"),
            models.CheckConstraint(condition=Q(price__gt=Decimal("1.50")) | Q(price=0), name="part_price_min"),
            models.CheckConstraint(condition=Q(name__istartswith=F("code")) | Q(code__iregex=r"^[a-z]+$"), name="part_name_code"),
            models.CheckConstraint(condition=Q(created__lte=Now()), name="part_created_past"),
            models.CheckConstraint(condition=Q(GreaterThan(F("stock"), 0)) | Q(LessThanOrEqual(F("reserved"), F("stock") - 1)), name="part_lookup_exprs"),
            models.CheckConstraint(condition=Q(stock__gte=F("reserved") * 2 - Value(1)) & Q(supplier_id__lt=1000), name="part_stock_vs_reserved"),
            models.CheckConstraint(condition=Q(name__in=["a", "b"], active=False) | Q(code__contains=Lower("name")), name="part_in_and_contains"),
            models.UniqueConstraint(fields=["supplier", "code"], name="part_supplier_code_uniq", condition=Q(active=True) & Q(supplier__isnull=False)),
            models.UniqueConstraint(Lower("code"), "supplier", name="part_lower_code_supplier_uniq"),
        ]
