from django.db import models


def status_choices():
    return [("d", "Draft"), ("p", "Published"), ("a", "Archived")]


class Author(models.Model):
    name = models.CharField(max_length=50)


class Post(models.Model):
    title = models.CharField(max_length=200, db_index=True)
    slug = models.SlugField(unique=True)
    status = models.CharField(max_length=1, choices=status_choices, default="d")
    body = models.TextField(help_text="Markdown")
    updated = models.DateTimeField(auto_now=True)
    subtitle = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    pinned = models.BooleanField()
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    cover = models.OneToOneField(Author, on_delete=models.SET_NULL, null=True, related_name="cover_of")
    published = models.DateField(auto_now_add=True)
