from django.db import models
from django.db.models.functions import Now


class Item(models.Model):
    class Meta:
        db_table_comment = ""

    name = models.CharField(max_length=60, db_collation="POSIX")
    qty = models.IntegerField(null=True, default=0)
    note = models.CharField(max_length=50, null=True)
    price = models.DecimalField(max_digits=8, decimal_places=3, verbose_name="unit price")
    status = models.CharField(max_length=10, default="new")
    size = models.TextField(db_collation="C")
    created = models.DateTimeField(db_default=Now())
    flag = models.BooleanField(default=False, db_comment="Flagged?")
