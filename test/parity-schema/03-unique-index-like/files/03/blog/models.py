from django.db import models


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, db_index=True)
    code = models.CharField(max_length=10, unique=True)
    label = models.CharField(max_length=20)


class Post(models.Model):
    title = models.TextField()
    category = models.ForeignKey(Category, models.CASCADE, db_index=False)
    body = models.CharField(max_length=200, db_index=True)
    summary = models.TextField(db_index=True)
    owner = models.ForeignKey(Category, models.CASCADE, related_name="owned", null=True)
    ref = models.IntegerField(unique=True)
