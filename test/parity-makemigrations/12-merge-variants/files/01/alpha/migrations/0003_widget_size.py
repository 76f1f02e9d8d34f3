from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("alpha", "0002_widget_color"),
    ]

    operations = [
        migrations.AddField(
            model_name="widget",
            name="size",
            field=models.IntegerField(default=1),
        ),
        migrations.AlterField(
            model_name="widget",
            name="name",
            field=models.CharField(max_length=80),
        ),
    ]
