from django.db import models


def status_choices():
    return [("d", "Draft"), ("p", "Published"), ("a", "Archived")]


class Author(models.Model):
    name = models.CharField(max_length=50)


class Post(models.Model):
    title = models.CharField(max_length=150, verbose_name="headline")
    slug = models.SlugField()
    status = models.CharField(max_length=1, choices=[("d", "Draft"), ("p", "Published")], default="d")
    body = models.TextField(help_text="Markdown or HTML", db_comment="The post body")
    updated = models.DateTimeField(auto_now=True)
    subtitle = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True, null=True)
    pinned = models.BooleanField(default=False)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    cover = models.OneToOneField(Author, on_delete=models.SET_NULL, null=True, related_name="cover_of")
    published = models.DateField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["title"], name="post_title_idx")]
        constraints = [models.UniqueConstraint(fields=["slug"], name="post_slug_uniq")]
