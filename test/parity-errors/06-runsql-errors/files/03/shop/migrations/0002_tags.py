from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=20, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name='item',
            name='stock',
            field=models.IntegerField(default=0),
        ),
        migrations.RunSQL("INSERT INTO shop_tag (name) VALUES ('new'), ('sale')"),
        migrations.RunSQL(["UPDATE shop_item SET stock = 1", "UPDATE shop_item SET stock = stock / (price - price)"]),
    ]
