from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("alpha", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="widget",
            name="color",
            field=models.CharField(default="red", max_length=20),
        ),
    ]
