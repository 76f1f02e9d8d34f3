from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('zoo', '0002_rename_animal_creature'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='creature',
            table='zoo_creatures',
        ),
    ]
