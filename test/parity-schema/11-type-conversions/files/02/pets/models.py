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
    data = models.JSONField(default=dict)
    tag = models.CharField(max_length=12, db_column="tag_ref", db_index=True)
    size = models.PositiveSmallIntegerField()
    flag = models.IntegerField()
    friends = models.ManyToManyField(Owner, related_name="pals", db_table="pet_friendships")
    sitter = models.ForeignKey(Keeper, models.SET_NULL, null=True, related_name="sat", to_field="code")
