from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Product(models.Model):
    title = models.CharField(max_length=120)
    code = models.CharField(max_length=20)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["title", "category"], name="product_title_category_uniq")]
