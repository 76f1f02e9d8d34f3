from django.db import migrations


def seed(apps, schema_editor):
    Customer = apps.get_model("shop.Customer")
    Tag = apps.get_model("shop", "Tag")
    Order = apps.get_model("shop", "Order")
    db_alias = schema_editor.connection.alias
    print()
    print("  alias:", db_alias, "vendor:", schema_editor.connection.vendor)
    vip, new = Tag.objects.using(db_alias).bulk_create([Tag(name="vip"), Tag(name="new")])
    print("  tags:", vip.pk, new.pk, Tag.objects.all())
    ada = Customer.objects.create(name="Ada", email="ada@example.com")
    bob = Customer(name="Bob")
    bob.save()
    ada.tags.add(vip, new)
    bob.tags.add(new)
    Order.objects.bulk_create([Order(customer=ada, total=10), Order(customer=ada, total=32), Order(customer=bob, total=5)])
    print("  customers:", Customer.objects.all(), [c.tags.count() for c in Customer.objects.order_by("id")])
    print("  orders of ada:", list(ada.order_set.values_list("total", flat=True).order_by("total")))
    try:
        apps.get_model("shop", "Invoice")
    except LookupError as e:
        print("  LookupError:", e)
    schema_editor.execute("UPDATE shop_order SET total = total * 2 WHERE total < %s", [10])


def unseed(apps, schema_editor):
    Customer = apps.get_model("shop", "Customer")
    print()
    print("  deleting:", Customer.objects.all().delete())
    print("  tags:", apps.get_model("shop", "Tag").objects.filter(name__in=["vip", "new"]).delete())


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
