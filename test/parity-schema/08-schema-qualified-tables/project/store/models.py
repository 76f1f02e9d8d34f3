from django.db import models


class Shelf(models.Model):
    code = models.CharField(max_length=10, unique=True)

    class Meta:
        db_table = 'other"."shelf'


class Tag(models.Model):
    name = models.CharField(max_length=20)


class Box(models.Model):
    label = models.CharField(max_length=20, db_index=True)
    shelf = models.ForeignKey(Shelf, models.CASCADE, to_field="code")
    tags = models.ManyToManyField(Tag)

    class Meta:
        db_table = 'other"."box'
        db_table_comment = "Boxes"
        indexes = [models.Index(fields=["shelf", "label"], name="box_shelf_label_idx")]
