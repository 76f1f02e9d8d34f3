from django.db import models


class Page(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField()
    data = models.JSONField(default=dict)
    created = models.DateTimeField()
    views = models.IntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(views__gte=0), name="page_views_not_negative")]
