from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0021_remove_item_tags'),
    ]

    operations = [
        migrations.AlterOrderWithRespectTo(
            name='item',
            order_with_respect_to='category',
        ),
        migrations.AlterModelOptions(
            name='category',
            options={'verbose_name_plural': 'categories'},
        ),
    ]
