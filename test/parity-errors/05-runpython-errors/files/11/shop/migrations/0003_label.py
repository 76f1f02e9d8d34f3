from django.db import migrations, models


def make_labels(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    for item in Item.objects.order_by('id'):
        item.label = item.name.upper()
        item.save()

class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0002_stock'),
    ]

    operations = [
        migrations.AddField(
            model_name='item',
            name='label',
            field=models.CharField(default='', max_length=20),
        ),
        migrations.RunPython(make_labels),
    ]
