from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("beta", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="gadget",
            name="weight",
            field=models.IntegerField(null=True),
        ),
    ]
