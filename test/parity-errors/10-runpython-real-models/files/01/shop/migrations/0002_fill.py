from django.db import migrations

from shop.models import Item


def fill(apps, schema_editor):
    for item in Item.objects.all():
        item.price = item.price + 1
        item.save()


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(fill),
    ]
