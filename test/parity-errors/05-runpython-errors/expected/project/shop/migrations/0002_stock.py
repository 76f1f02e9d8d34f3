from django.db import migrations, models


def fill_stock(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    Item.objects.update(stock=7)
    print('filled', Item.objects.filter(stock=7).count())


def unfill_stock(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    total = sum(item.stock for item in Item.objects.all())
    raise ValueError(f'refusing to lose {total} items of stock')

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
        migrations.RunPython(fill_stock, unfill_stock),
    ]
