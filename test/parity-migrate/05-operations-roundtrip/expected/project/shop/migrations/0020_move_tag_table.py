from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0019_view'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(
                    name='tag',
                    table='shop_labels',
                ),
            ],
            state_operations=[
                migrations.AlterModelTable(
                    name='tag',
                    table='shop_labels',
                ),
            ],
        ),
    ]
