from django.db import models
from django.db.models import F, Q


class Doc(models.Model):
    title = models.CharField(max_length=30)
    score = models.IntegerField()
    limit = models.IntegerField(default=10)

    class Meta:
        constraints = [
            models.CheckConstraint(check=Q(score__gte=0), name="doc_score_pos"),
            models.CheckConstraint(check=Q(score__lte=F("limit")), name="doc_score_limit", violation_error_message="too high"),
            models.UniqueConstraint(fields=["title"], name="doc_title_uniq", violation_error_code="dup"),
        ]
