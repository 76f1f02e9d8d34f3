from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0017_index_together'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='item',
            new_name='item_name_stock_idx',
            old_fields=('name', 'stock'),
        ),
    ]
