from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        db_table = "shared_table"
        indexes = [models.Index(fields=["name"], name="dup_idx")]
        constraints = [models.UniqueConstraint(fields=["name"], name="dup_constraint")]


class Label(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        db_table = "shared_table"
        indexes = [models.Index(fields=["name"], name="dup_idx"), models.Index(fields=["-name"], name="dup_idx")]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="dup_constraint"),
            models.UniqueConstraint(fields=["name", "colour"], name="label_colour_uniq"),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="label_size_positive"),
        ]


class Special(Tag):
    class Meta:
        proxy = True
        unique_together = [("name",)]

    note = models.CharField(max_length=10)


class Pair(models.Model):
    left = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+")
    m1 = models.ManyToManyField(Tag, through="Link", related_name="pairs1")
    m2 = models.ManyToManyField(Tag, through="Link", related_name="pairs2")
    a_column_name_that_is_definitely_much_longer_than_sixty_three_characters = models.IntegerField(default=0)


class Link(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
