from django.contrib.postgres.operations import CreateCollation, RemoveCollation
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_alter_page_title"),
    ]

    operations = [
        CreateCollation("case_insensitive", provider="icu", locale="und-u-ks-level2", deterministic=False),
        RemoveCollation("case_insensitive", "und-u-ks-level2", provider="icu", deterministic=False),
    ]
