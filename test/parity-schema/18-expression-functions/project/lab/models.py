from django.db import models
from django.db.models import F, Q, Value
from django.db.models.lookups import GreaterThan
from django.db.models.functions import (
    Abs, Cast, Chr, Coalesce, Collate, Concat, Greatest, Left, Length, Lower, LPad, Mod, NullIf, Ord,
    Power, Repeat, Replace, Reverse, Right, Round, RPad, Sign, Sqrt, StrIndex, Substr, Trim, Upper,
)


class Sample(models.Model):
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=40)
    qty = models.IntegerField()
    weight = models.DecimalField(max_digits=8, decimal_places=3)
    code_prefix = models.GeneratedField(
        expression=Upper(Left("code", 3)),
        output_field=models.CharField(max_length=3),
        db_persist=True,
    )
    padded = models.GeneratedField(
        expression=Concat(LPad("code", 8, Value("0")), Value("-"), RPad(Reverse("name"), 4), Repeat(Value("*"), 2)),
        output_field=models.CharField(max_length=60),
        db_persist=True,
    )
    magnitude = models.GeneratedField(
        expression=Round(Sqrt(Abs(F("qty"))), 2) + Power(F("qty"), 2) + Mod(F("qty"), 7) + Sign(F("qty")),
        output_field=models.FloatField(),
        db_persist=True,
    )
    first_ord = models.GeneratedField(
        expression=Ord("name") + StrIndex("name", Value("a")),
        output_field=models.IntegerField(),
        db_persist=True,
    )

    class Meta:
        indexes = [
            models.Index(Collate("name", "C"), name="sample_name_c_idx"),
            models.Index(Right("code", 2).desc(), Lower(Trim("name")), name="sample_code_tail_idx"),
            models.Index(Cast("weight", models.IntegerField()), name="sample_weight_int_idx"),
            models.Index(Substr("code", 2, 3), Replace("name", Value("-")), name="sample_code_mid_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(qty__lte=Greatest("qty", Value(0)) * 10), name="sample_qty_bound"),
            models.CheckConstraint(condition=Q(code__startswith=Chr(Value(65))) | Q(GreaterThan(Length("name"), 0)), name="sample_code_a"),
            models.CheckConstraint(condition=~Q(name=NullIf(Coalesce("code", Value("")), Value(""))), name="sample_name_not_code"),
            models.UniqueConstraint(Lower(Left("name", 5)), Length("code"), name="sample_name_head_uniq"),
        ]
