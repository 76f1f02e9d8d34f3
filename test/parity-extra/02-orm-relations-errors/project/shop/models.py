from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=20)

    def __str__(self):
        return self.name


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    tags = models.ManyToManyField(Tag, blank=True)

    def __str__(self):
        return self.name


class Customer(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField("self", blank=True)

    def __str__(self):
        return self.name


class Profile(models.Model):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE)
    bio = models.TextField(blank=True)


class ItemQuerySet(models.QuerySet):
    def cheap(self):
        return self.filter(price__lt=10)

    def named(self, prefix):
        return self.filter(name__startswith=prefix)


class ExpensiveManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(price__gte=10)


class Item(models.Model):
    name = models.CharField(max_length=50)
    price = models.IntegerField()

    objects = ItemQuerySet.as_manager()
    expensive = ExpensiveManager()

    def __str__(self):
        return f"{self.name} ({self.price})"
