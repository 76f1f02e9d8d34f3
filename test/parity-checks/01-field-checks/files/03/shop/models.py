from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)
    slug = models.SlugField()


class Tag(models.Model):
    label = models.CharField(max_length=20)


class Item(models.Model):
    category = models.ForeignKey(Category, on_delete=models.SET_NULL)
    backup = models.ForeignKey(Category, on_delete=models.SET_DEFAULT, related_name="backups")
    by_slug = models.ForeignKey(Category, on_delete=models.CASCADE, to_field="slug", related_name="class")
    by_name = models.ForeignKey(Category, on_delete=models.CASCADE, to_field="missing", related_name="by_names_")
    other = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="items", related_query_name="it__em")
    tags = models.ManyToManyField(Tag, unique=True, validators=[lambda v: None], db_comment="tags")
    friends = models.ManyToManyField("self", related_name="friend_of")
    best = models.OneToOneField(Tag, on_delete=models.CASCADE, unique=True, related_name="best_item")
