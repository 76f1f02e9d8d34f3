from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('zoo', '0004_rename_keeper_staff'),
    ]

    operations = [
        migrations.AlterField(
            model_name='creature',
            name='name',
            field=models.CharField(max_length=60, unique=True),
        ),
        migrations.AlterModelTable(
            name='creature',
            table=None,
        ),
    ]
