from django.db import migrations, models


def fill_stock(apps):
    Item = apps.get_model('shop', 'Item')
    Item.objects.update(stock=1)

class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='item',
            name='stock',
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(fill_stock),
    ]
