from django.db import migrations


def forwards(apps, schema_editor):
    """Say hello."""
    print("forwards ran")


def backwards(apps, schema_editor):
    print("backwards ran")


class Migration(migrations.Migration):

    dependencies = [
        ('notes', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunSQL(
            [("INSERT INTO notes_note (text) VALUES (%s)", ("hello",))],
            [("DELETE FROM notes_note WHERE text = %s", ["hello"])],
        ),
    ]
