from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0012_constraints'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='product',
            name='stock_max',
        ),
        migrations.RemoveConstraint(
            model_name='product',
            name='uniq_name_cat',
        ),
        migrations.RemoveConstraint(
            model_name='product',
            name='uniq_stock_positive',
        ),
    ]
