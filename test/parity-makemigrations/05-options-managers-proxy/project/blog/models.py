from django.db import models


class PublishedManager(models.Manager):
    use_in_migrations = True

    def get_queryset(self):
        return super().get_queryset().filter(published=True)


class PlainManager(models.Manager):
    pass


class Post(models.Model):
    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)

    objects = models.Manager()
    live = PublishedManager()

    class Meta:
        verbose_name = "blog post"
        permissions = [("publish_post", "Can publish posts")]
        get_latest_by = "id"


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
    text = models.TextField()

    class Meta:
        order_with_respect_to = "post"


class FeaturedPost(Post):
    class Meta:
        proxy = True
        ordering = ["-id"]


class Archive(models.Model):
    note = models.CharField(max_length=50)

    class Meta:
        managed = False
        db_table = "legacy_archive"
