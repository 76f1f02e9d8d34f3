from django.db import models
from django.db.models import Value
from django.db.models.functions import Now, Lower


class Barn(models.Model):
    name = models.CharField(max_length=30)


class Animal(models.Model):
    name = models.CharField(max_length=30)
    legs = models.PositiveIntegerField(default=4)
    barn = models.ForeignKey(Barn, models.SET_NULL, null=True, blank=True)
    home = models.OneToOneField(Barn, models.CASCADE, null=True, related_name="resident")
    tag = models.CharField(max_length=12, unique=True, default="t")
    code = models.SlugField(max_length=12, null=True, db_collation="C")
    born = models.DateTimeField(auto_now_add=True)
    seen = models.DateField(db_default=Now())
    weight = models.DecimalField(max_digits=5, decimal_places=1, db_default=10)
    notes = models.TextField(blank=True, db_comment="free text")
    blob = models.BinaryField(blank=True)
    friends = models.ManyToManyField("self")
    uid = models.UUIDField(null=True, unique=True)
    ratio = models.FloatField(default=0.5)
    age = models.PositiveSmallIntegerField(null=True)
    lower_name = models.CharField(max_length=30, db_default=Lower(Value("ANON")))
