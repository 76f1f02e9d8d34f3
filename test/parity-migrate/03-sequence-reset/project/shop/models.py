from django.db import models


class Tag(models.Model):
    id = models.SmallAutoField(primary_key=True)
    name = models.CharField(max_length=30)


class Product(models.Model):
    name = models.CharField(max_length=100)
    tags = models.ManyToManyField(Tag)


class Coupon(models.Model):
    code = models.CharField(max_length=20, primary_key=True)


class Legacy(models.Model):
    legacy_id = models.AutoField(primary_key=True, db_column="LegacyID")

    class Meta:
        db_table = "ShopLegacy"


class Place(models.Model):
    name = models.CharField(max_length=50)


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)


class ProductProxy(Product):
    class Meta:
        proxy = True


class External(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        managed = False
        db_table = "external_thing"
