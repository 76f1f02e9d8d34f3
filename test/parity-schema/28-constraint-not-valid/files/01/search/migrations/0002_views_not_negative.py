from django.contrib.postgres.operations import AddConstraintNotValid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        AddConstraintNotValid(
            model_name="page",
            constraint=models.CheckConstraint(condition=models.Q(views__gte=0), name="page_views_not_negative"),
        ),
    ]
