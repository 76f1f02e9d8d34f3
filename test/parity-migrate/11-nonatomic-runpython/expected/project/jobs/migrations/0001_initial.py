from django.db import migrations


def ok(apps, schema_editor):
    schema_editor.execute("INSERT INTO jobs_log VALUES (4)")


def undo(apps, schema_editor):
    schema_editor.execute("DELETE FROM jobs_log WHERE x = 4")
    raise ValueError("cannot undo")


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
    ]

    operations = [
        migrations.RunSQL("CREATE TABLE IF NOT EXISTS jobs_log (x int)", "DROP TABLE jobs_log"),
        migrations.RunPython(ok, undo, atomic=True),
    ]
