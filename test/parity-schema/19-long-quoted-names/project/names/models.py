from django.db import models


class Short(models.Model):
    name = models.CharField("Name", max_length=10, unique=True, db_column="Name-Col")
    Mixed = models.IntegerField(db_index=True, db_column="MixedCase")

    class Meta:
        db_table = "Shop Items"


class VeryLongModelNameForTestingIdentifierTruncationInPostgresql(models.Model):
    an_extremely_long_field_name_that_needs_truncating = models.CharField(max_length=10, db_index=True)
    other_short_model_reference = models.ForeignKey(Short, models.CASCADE, related_name="+")
    tags_with_a_rather_long_many_to_many_name = models.ManyToManyField(Short, related_name="longs")

    class Meta:
        unique_together = [("an_extremely_long_field_name_that_needs_truncating", "other_short_model_reference")]


class Underscored(models.Model):
    value_with_quite_a_long_name_too = models.IntegerField(db_index=True)
    ref = models.ForeignKey(VeryLongModelNameForTestingIdentifierTruncationInPostgresql, models.CASCADE)

    class Meta:
        db_table = "_underscored_table_with_an_unusually_long_name_for_postgresql"
