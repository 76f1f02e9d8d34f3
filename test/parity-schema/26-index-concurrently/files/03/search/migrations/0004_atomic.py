from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_drop"),
    ]

    operations = [
        AddIndexConcurrently("page", models.Index(fields=["created"], name="page_created_idx")),
    ]
