from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0015_rename_product_item'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='item',
            table='shop_items',
        ),
        migrations.AlterModelTableComment(
            name='item',
            table_comment="What we sell",
        ),
    ]
