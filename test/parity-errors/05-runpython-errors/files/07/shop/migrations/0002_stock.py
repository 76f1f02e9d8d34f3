from django.db import migrations, models


def fill_stock(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    Item.objects.create(name='pen', price=1)
    Item.objects.filter(name='pen').update(stock=2)
    Item.objects.get(name='pen')

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
