import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('zoo', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Enclosure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('resident', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, to='zoo.animal')),
                ('visitors', models.ManyToManyField(related_name='+', to='zoo.animal')),
            ],
        ),
    ]
