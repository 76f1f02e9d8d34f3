from django.db import models


class PublishedManager(models.Manager):
    use_in_migrations = True

    def get_queryset(self):
        return super().get_queryset().filter(published=True)


class Post(models.Model):
    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        default_related_name = "posts"


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
    text = models.TextField()

    class Meta:
        order_with_respect_to = "post"
        indexes = [models.Index(fields=["post", "text"], name="comment_post_text_idx")]


class FeaturedPost(Post):
    class Meta:
        proxy = True


class Archive(models.Model):
    note = models.CharField(max_length=50)

    class Meta:
        managed = False
        db_table = "legacy_archive"
