from django.db import models


class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created"]
        get_latest_by = "created"


class Owned(models.Model):
    owner = models.ForeignKey("auth_user_stub", on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_owned")

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["owner"], name="%(app_label)s_%(class)s_owner_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(owner__isnull=False), name="%(class)s_has_owner")]


class auth_user_stub(models.Model):
    name = models.CharField(max_length=30)


class Page(Stamped, Owned):
    title = models.CharField(max_length=100)

    class Meta(Stamped.Meta, Owned.Meta):
        verbose_name = "page"


class Post(Stamped):
    body = models.TextField()

    class Meta(Stamped.Meta):
        ordering = ["body"]
