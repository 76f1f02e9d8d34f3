from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=80)
    country = models.CharField(max_length=2, null=True)

    class Meta:
        managed = False
        db_table = 'legacy"."customers'


class Invoice(models.Model):
    number = models.CharField(max_length=20, unique=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, null=True, related_name="invoices")


class Rate(models.Model):
    currency = models.CharField(max_length=3, unique=True)
    rate = models.DecimalField(max_digits=8, decimal_places=4)

    class Meta:
        db_table = 'legacy"."exchange_rates'
