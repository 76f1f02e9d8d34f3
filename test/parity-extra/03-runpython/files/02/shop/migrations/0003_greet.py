from django.db import migrations


def greet(apps, schema_editor):
    Customer = apps.get_model("shop", "Customer")
    for c in Customer.objects.order_by("id"):
        print(" ", c, c.email)
        print(" ", c.greeting())


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0002_seed"),
    ]

    operations = [
        migrations.RunPython(greet, migrations.RunPython.noop),
    ]
