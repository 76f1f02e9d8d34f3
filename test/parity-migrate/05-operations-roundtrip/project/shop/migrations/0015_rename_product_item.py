from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0014_unique_together'),
    ]

    operations = [
        migrations.RenameModel(
            old_name='Product',
            new_name='Item',
        ),
    ]
