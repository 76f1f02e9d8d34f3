from django.db import models


class Customer(models.Model):
    email = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=50)


class Order(models.Model):
    customer = models.ForeignKey(Customer, models.CASCADE)
    ref = models.CharField(max_length=20, unique=True)
    total = models.IntegerField()


class Line(models.Model):
    order = models.ForeignKey(Order, models.CASCADE)
    qty = models.IntegerField()
