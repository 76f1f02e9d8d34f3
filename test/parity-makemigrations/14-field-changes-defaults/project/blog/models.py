from django.db import models


def status_choices():
    return [("d", "Draft"), ("p", "Published")]


class Author(models.Model):
    name = models.CharField(max_length=50)


class Post(models.Model):
    title = models.CharField(max_length=200, db_index=True)
    slug = models.SlugField(unique=True)
    status = models.CharField(max_length=1, choices=status_choices, default="d")
    body = models.TextField(help_text="Markdown")
