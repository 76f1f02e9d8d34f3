from django.db import models


class Rack(models.Model):
    code = models.CharField(max_length=10, unique=True)
    zone = models.CharField(max_length=10, unique=True, db_tablespace="pg_default")

    class Meta:
        db_tablespace = "pg_default"


class Parcel(models.Model):
    ref = models.CharField(max_length=20, unique=True, db_tablespace="pg_default")
    rack = models.ForeignKey(Rack, models.CASCADE)
    weight = models.IntegerField()
    label = models.SlugField(unique=True, null=True)
    note = models.CharField(max_length=20, db_index=True, null=True)
    racks = models.ManyToManyField(Rack, related_name="parcels")

    class Meta:
        indexes = [
            models.Index(fields=["weight"], name="parcel_weight_idx", db_tablespace="pg_default"),
            models.Index(fields=["rack", "weight"], name="parcel_rack_weight_idx"),
        ]
        unique_together = [("rack", "weight")]
