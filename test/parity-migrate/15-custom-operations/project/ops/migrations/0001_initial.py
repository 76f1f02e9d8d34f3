from django.db import migrations, models

import ops.operations


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        ops.operations.CreateSchema("reports"),
        migrations.CreateModel(
            name='Box',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('size', models.IntegerField(default=0)),
            ],
        ),
    ]
