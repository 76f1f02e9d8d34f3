from django.db import models


class Product(models.Model):
    name = models.CharField()
    sku__code = models.CharField(max_length=20)
    pk = models.IntegerField(default=0)
    size = models.CharField(max_length=5, choices=[("small", "Small"), ("medium", "Medium")])
    colour = models.CharField(max_length=10, choices=[1, 2, 3])
    grade = models.CharField(max_length=10, choices=[("a", "A", "extra")])
    flagged = models.BooleanField(db_index="yes")
    weight = models.DecimalField(max_digits=-1, decimal_places="x")
    volume = models.DecimalField(max_digits=3, decimal_places=5)
    length = models.DecimalField(max_digits="7", decimal_places=2)
    title = models.CharField(max_length=-5)
    subtitle = models.CharField(max_length="20")
    note = models.TextField(validators=["not callable", 42])
