from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0023_remove_item_stock'),
    ]

    operations = [
        migrations.RunSQL(
            "DROP VIEW shop_cheap_items",
            reverse_sql="CREATE VIEW shop_cheap_items AS SELECT id, name FROM shop_items WHERE unit_price < 10",
        ),
        migrations.DeleteModel(
            name='Item',
        ),
    ]
