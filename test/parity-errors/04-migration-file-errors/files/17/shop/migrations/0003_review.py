from django.db import migrations, models


class Migration:

    dependencies = [
        ('shop', '0002_stock'),
    ]

    operations = [
        migrations.AddField(
            model_name='item',
            name='rating',
            field=models.IntegerField(default=0),
        ),
    ]
