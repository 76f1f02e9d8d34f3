from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0020_move_tag_table'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='item',
            name='tags',
        ),
        migrations.DeleteModel(
            name='Tag',
        ),
    ]
