from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0002_stock'),
    ]

    operations = [
        migrations.AddFields(
            model_name='item',
            name='rating',
            field=models.IntegerField(default=0),
        ),
    ]
