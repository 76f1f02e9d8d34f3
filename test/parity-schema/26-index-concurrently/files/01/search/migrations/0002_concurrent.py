from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        AddIndexConcurrently("page", models.Index(fields=["title"], name="page_title_idx")),
        AddIndexConcurrently("page", GinIndex(fields=["data"], name="page_data_gin", fastupdate=False)),
        AddIndexConcurrently("page", models.Index(fields=["-views"], name="page_views_partial", condition=models.Q(views__gt=10))),
    ]
