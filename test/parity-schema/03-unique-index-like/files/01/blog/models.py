from django.db import models


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=50, db_index=True)
    code = models.CharField(max_length=10, unique=True)
    label = models.CharField(max_length=20)


class Post(models.Model):
    title = models.CharField(max_length=100)
    category = models.ForeignKey(Category, models.CASCADE)
    body = models.TextField(db_index=True)
    summary = models.CharField(max_length=40, db_index=True)
    owner = models.ForeignKey(Category, models.CASCADE, related_name="owned", null=True)
    ref = models.CharField(max_length=30)
