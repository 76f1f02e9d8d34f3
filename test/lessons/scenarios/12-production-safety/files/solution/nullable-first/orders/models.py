from django.db import models


class Order(models.Model):
    number = models.CharField(max_length=20, unique=True)
    quantity = models.BigIntegerField()
    created = models.DateTimeField()
    status = models.CharField(max_length=20, default="new")
    email = models.EmailField(null=True)
