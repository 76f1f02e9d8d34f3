from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0010_rename_index'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='product',
            name='product_name_stock_idx',
        ),
    ]
