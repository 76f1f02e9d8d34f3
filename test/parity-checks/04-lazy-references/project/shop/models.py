from django.db import models


class Base(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        abstract = True


class Product(models.Model):
    maker = models.ForeignKey("Maker", on_delete=models.CASCADE)
    brand = models.ForeignKey("blog.Brand", on_delete=models.CASCADE)
    ghost = models.ForeignKey("ghost.Spirit", on_delete=models.CASCADE)
    base = models.ForeignKey(Base, on_delete=models.CASCADE)
    base2 = models.ForeignKey("shop.Base", on_delete=models.CASCADE, related_name="+")
    tags = models.ManyToManyField("Tag")
    labels = models.ManyToManyField("blog.Label", through="blog.Labelling")
    parts = models.OneToOneField("Part", on_delete=models.CASCADE)
