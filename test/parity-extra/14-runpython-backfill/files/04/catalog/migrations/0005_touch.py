from django.db import migrations


def touch(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Tag = apps.get_model("catalog", "Tag")
    print()
    sale = Tag.objects.create(name="sale")
    for p in Product.objects.filter(price__lt=10):
        p.tags.add(sale)
    print("  tagged:", sale.products.count(), [p.slug for p in sale.products.order_by("slug")])
    try:
        Product.objects.create(name="Dup", slug="hammer", price=1, category_id=1, created="2026-01-01T00:00:00Z")
    except Exception as e:
        print("  ", type(e).__module__, type(e).__name__)
        raise


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0004_alter_product_slug"),
    ]

    operations = [
        migrations.RunPython(touch, migrations.RunPython.noop, elidable=True),
    ]
