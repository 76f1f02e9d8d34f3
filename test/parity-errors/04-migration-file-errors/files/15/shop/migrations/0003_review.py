from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0002_stock'),
    ]

    operations = [
        migrations.CreateModel(
            name='Review',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('item', models.ForeignKey(on_delete=models.deletion.CASCADE, to='shop.product')),
            ],
        ),
    ]
