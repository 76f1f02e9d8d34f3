from django.db import migrations


def backfill(apps, schema_editor):
    Widget = apps.get_model("alpha", "Widget")
    Widget.objects.filter(color="").update(color="red")


class Migration(migrations.Migration):

    dependencies = [
        ("alpha", "0003_extra_fields"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
