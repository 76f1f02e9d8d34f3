from django.db import models
from django.db.models.functions import Now


class Item(models.Model):
    class Meta:
        db_table_comment = "Stock items"

    name = models.CharField(max_length=50, db_comment="Display name")
    qty = models.IntegerField(default=0)
    note = models.CharField(max_length=50, db_default="n/a")
    price = models.DecimalField(max_digits=8, decimal_places=3, verbose_name="unit price")
    status = models.CharField(max_length=10, default="new", db_default="fresh")
    size = models.IntegerField()
    created = models.DateTimeField(null=True, db_default=Now())
    flag = models.BooleanField(default=False, db_default=False, db_comment="Flagged?", help_text="tick it", choices=[(True, "yes"), (False, "no")])
