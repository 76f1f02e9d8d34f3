from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0018_rename_unnamed_index'),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE VIEW shop_cheap_items AS SELECT id, name FROM shop_items WHERE unit_price < 10",
            reverse_sql="DROP VIEW shop_cheap_items",
        ),
    ]
