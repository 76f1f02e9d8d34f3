from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0003_runsql_forms'),
    ]

    operations = [
        migrations.RunSQL("-- nothing to do yet", migrations.RunSQL.noop),
    ]
