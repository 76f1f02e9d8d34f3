from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, related_name="children")


class Product(models.Model):
    name = models.CharField(max_length=100)
    sku = models.CharField(max_length=20)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("name", "category")]


class Customer(models.Model):
    name = models.CharField(max_length=100)
    favorite_order = models.ForeignKey("Order", on_delete=models.SET_NULL, null=True, related_name="+")


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    items = models.ManyToManyField(Product, through="OrderLine")
    replaces = models.OneToOneField("self", on_delete=models.SET_NULL, null=True)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    qty = models.PositiveIntegerField(default=1)
