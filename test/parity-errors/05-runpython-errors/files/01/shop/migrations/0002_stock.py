from django.db import migrations, models


def fill_stock(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    for item in Item.objects.all():
        print('filling', item.name)
        item.stock = 100 // item.price
        item.save()

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
