from django.db import migrations, models


def noop(apps, schema_editor):
    pass


class Migration(migrations.Migration):

    dependencies = [
        ('notes', '0004_tag'),
    ]

    operations = [
        migrations.CreateModel(
            name='Label',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
        ),
        migrations.AddField(
            model_name='label',
            name='title',
            field=models.CharField(max_length=20, default=''),
        ),
        migrations.RunPython(noop, migrations.RunPython.noop),
    ]
