from django.db import models


class Shelf(models.Model):
    code = models.CharField(max_length=16, unique=True)

    class Meta:
        db_table = 'other"."shelf'


class Tag(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        db_table = "labels"


class Box(models.Model):
    label = models.CharField(max_length=30, db_index=True)
    serial = models.CharField(max_length=10, unique=True, null=True)
    shelf = models.ForeignKey(Shelf, models.CASCADE, to_field="code")
    tags = models.ManyToManyField(Tag)
    weight = models.IntegerField(default=0, db_comment="grams")

    class Meta:
        db_table = 'other"."box'
        db_table_comment = "Crates"
        indexes = [models.Index(fields=["shelf", "label"], name="box_shelf_label_idx")]
