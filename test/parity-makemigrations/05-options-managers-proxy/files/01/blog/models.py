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

    live = PublishedManager()
    objects = models.Manager()
    plain = PlainManager()

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        permissions = [("publish_post", "Can publish posts"), ("feature_post", "Can feature posts")]
        default_related_name = "posts"
        db_table_comment = "All blog posts"
        base_manager_name = "objects"


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
    text = models.TextField()


class FeaturedPost(Post):
    featured = PublishedManager()

    class Meta:
        proxy = True
        ordering = ["title"]
        verbose_name = "featured"


class Archive(models.Model):
    note = models.CharField(max_length=50)

    class Meta:
        managed = True
        db_table = "legacy_archive"
