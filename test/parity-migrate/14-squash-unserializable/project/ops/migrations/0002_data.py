from django.db import migrations


def noop(apps, schema_editor):
    pass


class Migration(migrations.Migration):

    dependencies = [
        ('ops', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(noop, elidable=True),
        migrations.RunPython(lambda apps, schema_editor: None),
    ]
