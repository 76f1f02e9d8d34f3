from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KT, KeyTransform


class Doc(models.Model):
    data = models.JSONField(default=dict)
    extra = models.JSONField(null=True)
    score = models.IntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(data__has_key="kind") | Q(score=0), name="doc_has_kind"),
            models.CheckConstraint(condition=~Q(data__kind="bad"), name="doc_kind_not_bad"),
            models.CheckConstraint(condition=Q(data__contains={"v": 1}) | Q(data__size__lt=10), name="doc_json_misc"),
            models.CheckConstraint(condition=Q(data__has_keys=["a", "b"]) | Q(data__has_any_keys=["c"]) | Q(extra__isnull=True), name="doc_keys"),
            models.CheckConstraint(condition=~Q(extra__owner__name__startswith="x"), name="doc_owner_not_x"),
            models.CheckConstraint(condition=Q(data__0=1) | Q(data__tags__contains=["t"]), name="doc_index_tags"),
            models.UniqueConstraint(KT("data__slug"), name="doc_slug_uniq"),
        ]
        indexes = [
            models.Index(KT("data__owner__name"), name="doc_owner_idx"),
            models.Index(KeyTransform("kind", "data"), name="doc_kind_json_idx"),
            models.Index(fields=["score"], name="doc_kind_score_idx", condition=Q(data__kind__in=["a", "b"])),
        ]
