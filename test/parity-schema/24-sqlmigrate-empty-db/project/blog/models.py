from django.db import models


class Category(models.Model):
    slug = models.SlugField(db_index=False)
    name = models.CharField(max_length=80, db_index=True)
    code = models.CharField(max_length=12, unique=True)
    label = models.CharField(max_length=20)


class Post(models.Model):
    title = models.TextField()
    category = models.ForeignKey(Category, models.CASCADE)
    body = models.CharField(max_length=200, db_index=True)
    summary = models.TextField()
    owner = models.ForeignKey(Category, models.CASCADE, related_name="owned", null=True, to_field="code")
    ref = models.IntegerField(unique=True)
