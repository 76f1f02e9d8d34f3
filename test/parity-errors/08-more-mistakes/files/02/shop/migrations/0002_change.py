from django.db import migrations, models


def forwards(apps, schema_editor):
    pass

class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
