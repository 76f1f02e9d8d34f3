from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0013_remove_constraints'),
    ]

    operations = [
        migrations.AlterUniqueTogether(
            name='product',
            unique_together={('category', 'stock')},
        ),
    ]
