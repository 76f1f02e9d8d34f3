from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0016_alter_item_table'),
    ]

    operations = [
        migrations.AlterIndexTogether(
            name='item',
            index_together={('name', 'stock')},
        ),
    ]
