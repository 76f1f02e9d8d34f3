from django.db import migrations

from ops.operations import FillBoxes, Forgetful


class Migration(migrations.Migration):

    dependencies = [
        ('ops', '0001_initial'),
    ]

    operations = [
        FillBoxes(3, count=2),
        Forgetful("x", flag=True),
    ]
