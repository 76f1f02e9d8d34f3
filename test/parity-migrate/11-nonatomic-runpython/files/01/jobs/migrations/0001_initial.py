from django.db import migrations


def boom(apps, schema_editor):
    schema_editor.execute("INSERT INTO jobs_log VALUES (3)")
    raise RuntimeError("boom again")


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
    ]

    operations = [
        migrations.RunSQL("CREATE TABLE IF NOT EXISTS jobs_log (x int)", "DROP TABLE jobs_log"),
        migrations.RunPython(boom),
    ]
