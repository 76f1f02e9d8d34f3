from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('alpha', '0002_auto_20260102_0304'),
    ]

    operations = [
        migrations.AddField(
            model_name='widget',
            name='color',
            field=models.CharField(default='red', max_length=20),
        ),
        migrations.AddField(
            model_name='widget',
            name='weight',
            field=models.IntegerField(null=True),
        ),
    ]
