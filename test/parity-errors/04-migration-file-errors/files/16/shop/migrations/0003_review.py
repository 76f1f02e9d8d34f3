from django.db import migrations, models


class Migrations(migrations.Migration):

    dependencies = [
        ('shop', '0002_stock'),
    ]

    operations = [
    ]
