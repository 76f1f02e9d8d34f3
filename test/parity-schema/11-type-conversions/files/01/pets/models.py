from django.db import models


class Owner(models.Model):
    name = models.CharField(max_length=30)


class Keeper(models.Model):
    code = models.CharField(max_length=8, unique=True)


class Pet(models.Model):
    owner = models.ForeignKey(Owner, models.CASCADE, null=True, related_name="owned")
    vet = models.IntegerField(null=True)
    uid = models.UUIDField()
    born = models.DateField()
    weight = models.DecimalField(max_digits=6, decimal_places=2)
    data = models.TextField(default="{}")
    tag = models.CharField(max_length=10, db_column="tag_code", db_index=True)
    size = models.SmallIntegerField()
    flag = models.BooleanField()
    friends = models.ManyToManyField(Owner, related_name="pals")
    sitter = models.ForeignKey(Owner, models.SET_NULL, null=True, related_name="sat")
