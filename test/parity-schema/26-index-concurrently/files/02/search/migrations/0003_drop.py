from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0002_concurrent"),
    ]

    operations = [
        RemoveIndexConcurrently("page", "page_title_idx"),
    ]
