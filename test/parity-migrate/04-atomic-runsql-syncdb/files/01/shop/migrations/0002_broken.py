from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='item',
            name='price',
            field=models.IntegerField(default=0),
        ),
        migrations.RunSQL("INSERT INTO shop_item (name, price) VALUES ('first', 1)"),
        migrations.RunSQL("INSERT INTO shop_missing (name) VALUES ('x')"),
    ]
