from django.db import migrations, models


def forwards(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    Item.objects.create(name='seed', price=1)


def backwards(apps, schema_editor):
    Item = apps.get_model('shop', 'Item')
    Item.objects.get(name='seed').delete()
    Item.objects.get(name='seed')

class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
