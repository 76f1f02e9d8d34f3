from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('shop', '0002_tags'),
    ]

    operations = [
        migrations.RunSQL("UPDATE shop_item SET price = price + 1"),
        migrations.RunSQL("SELECT 1/0"),
    ]
