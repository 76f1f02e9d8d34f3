from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('zoo', '0003_alter_creature_table'),
    ]

    operations = [
        migrations.RenameModel(
            old_name='Keeper',
            new_name='Staff',
        ),
        migrations.RenameField(
            model_name='feeding',
            old_name='keeper',
            new_name='staff',
        ),
    ]
