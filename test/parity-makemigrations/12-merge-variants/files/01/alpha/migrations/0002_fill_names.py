from django.db import migrations


def fill(apps, schema_editor):
    """Give every widget a name."""


class Migration(migrations.Migration):

    dependencies = [
        ("alpha", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunSQL("UPDATE alpha_widget SET name = upper(name)", migrations.RunSQL.noop),
    ]
