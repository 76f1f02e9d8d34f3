from django.db import migrations


def fill(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    for item in Item.objects.all():
        item.price = item.price + 1
        item.save()
    Item.objects.filter(stock__gt=0).count()


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(fill),
    ]
