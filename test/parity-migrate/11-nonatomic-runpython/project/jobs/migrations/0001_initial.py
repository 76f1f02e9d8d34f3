from django.db import migrations


def boom(apps, schema_editor):
    schema_editor.execute("INSERT INTO jobs_log VALUES (2)")
    raise RuntimeError("boom")


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
    ]

    operations = [
        migrations.RunSQL("CREATE TABLE jobs_log (x int)", "DROP TABLE jobs_log"),
        migrations.RunSQL("INSERT INTO jobs_log VALUES (1)", migrations.RunSQL.noop),
        migrations.RunPython(boom, atomic=True),
    ]
