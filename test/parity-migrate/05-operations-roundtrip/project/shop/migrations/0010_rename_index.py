from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0009_product_prod_name_stock_idx'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='product',
            new_name='product_name_stock_idx',
            old_name='prod_name_stock_idx',
        ),
    ]
