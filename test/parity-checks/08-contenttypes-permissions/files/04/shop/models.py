from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        default_permissions = ("add", "view")
        permissions = [("publish_product", "Can publish products")]


class Tag(models.Model):
    label = models.CharField(max_length=20)
    items = models.ManyToManyField(Product)


class FeaturedProduct(Product):
    class Meta:
        proxy = True
        verbose_name = "star product"
        permissions = [("feature_product", "Can feature products")]
