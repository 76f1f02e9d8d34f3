from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0022_order_with_respect_to'),
    ]

    operations = [
        migrations.AlterUniqueTogether(
            name='item',
            unique_together=set(),
        ),
        migrations.RemoveIndex(
            model_name='item',
            name='item_name_stock_idx',
        ),
        migrations.RemoveField(
            model_name='item',
            name='stock',
        ),
    ]
