from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_views_not_negative"),
    ]

    operations = [
        ValidateConstraint(model_name="page", name="page_views_not_negative"),
    ]
