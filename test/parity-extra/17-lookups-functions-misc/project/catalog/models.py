from django.core.validators import MinValueValidator
from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=20, unique=True)

    def __str__(self):
        return self.name


class Product(models.Model):
    STATUS_CHOICES = [("draft", "Draft"), ("live", "Live"), ("gone", "Discontinued")]

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, blank=True)
    price = models.DecimalField(max_digits=7, decimal_places=2, validators=[MinValueValidator(0)])
    stock = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=5, choices=STATUS_CHOICES, default="draft")
    discount = models.IntegerField(null=True, blank=True)
    released = models.DateField(null=True, blank=True)
    created = models.DateTimeField()
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="products")
    tags = models.ManyToManyField(Tag, blank=True, related_name="products")

    def __str__(self):
        return self.name


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    author = models.CharField(max_length=50)
    stars = models.PositiveSmallIntegerField()
    posted = models.DateTimeField()

    def __str__(self):
        return f"{self.author}: {self.stars}"
