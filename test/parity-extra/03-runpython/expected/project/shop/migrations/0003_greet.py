from django.db import migrations, models


def fill_codes(apps, schema_editor):
    Customer = apps.get_model("shop", "Customer")
    for c in Customer.objects.order_by("id"):
        c.code = c.name.upper()[:2]
        c.save(update_fields=["code"])
    print()
    print("  codes:", list(Customer.objects.values_list("name", "code").order_by("id")))


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0002_seed"),
    ]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="code",
            field=models.CharField(max_length=2, default=""),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop, elidable=True),
    ]
