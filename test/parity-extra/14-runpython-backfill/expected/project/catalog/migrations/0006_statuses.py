from django.db import migrations


def report(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    print()
    for p in Product.objects.order_by("id"):
        if p.stock is 1:
            print("  one left:", p.slug)
        elif p.stock is not 3:
            print("  stock:", p.slug, p.stock)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0005_touch"),
    ]

    operations = [
        migrations.RunPython(report, migrations.RunPython.noop),
    ]
