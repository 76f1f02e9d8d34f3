from django.db import migrations, models


def forwards(apps, schema_editor):
    """Say hello."""
    print("forwards ran")


def backwards(apps, schema_editor):
    print("backwards ran")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Note',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
            ],
        ),
        migrations.RunPython(
            code=forwards,
            reverse_code=backwards,
        ),
        migrations.RunSQL(
            sql=[('INSERT INTO notes_note (text) VALUES (%s)', ('hello',))],
            reverse_sql=[('DELETE FROM notes_note WHERE text = %s', ['hello'])],
        ),
        migrations.AddField(
            model_name='note',
            name='pinned',
            field=models.BooleanField(default=False),
        ),
    ]
