from django.db import models
from django.contrib.postgres.indexes import BrinIndex, BTreeIndex, GinIndex, HashIndex
from django.db.models.functions import Lower


class Page(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField()
    data = models.JSONField(default=dict)
    created = models.DateTimeField()
    views = models.IntegerField(default=0)

    class Meta:
        indexes = [
            GinIndex(fields=["data"], name="page_data_gin"),
            GinIndex(fields=["data"], name="page_data_gin_opts", fastupdate=False, gin_pending_list_limit=128),
            BrinIndex(fields=["created"], name="page_created_brin", autosummarize=True, pages_per_range=16),
            BTreeIndex(fields=["views"], name="page_views_btree", fillfactor=70, deduplicate_items=False),
            HashIndex(fields=["title"], name="page_title_hash"),
            BTreeIndex(Lower("title"), name="page_lower_title_btree", fillfactor=90),
            HashIndex(fields=["views"]),
        ]
