from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("inv", "0004_item_sku"),
    ]

    operations = []
