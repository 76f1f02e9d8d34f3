from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.RunSQL("UPDATE shop_item SET price = 1", reverse_sql=None),
        migrations.RunSQL(sql="SELECT 1", reverse_sql="SELECT 1", hints="x"),
    ]
