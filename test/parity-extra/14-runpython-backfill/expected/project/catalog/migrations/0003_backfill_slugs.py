import datetime

from django.db import migrations
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import slugify


def backfill(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Category = apps.get_model("catalog", "Category")
    print()
    seen = set()
    for product in Product.objects.filter(slug__isnull=True).order_by("id"):
        base = slugify(product.name)
        slug, n = base, 2
        while slug in seen:
            slug = f"{base}-{n}"
            n += 1
        seen.add(slug)
        product.slug = slug
        product.save(update_fields=["slug"])
        print(f"  {product.pk:>3} {product.name!r:<24} -> {slug}")
    misc, created = Category.objects.get_or_create(name="Misc")
    moved = Product.objects.filter(category__name="Old stock").update(category=misc)
    print("  misc:", misc.pk, created, "moved:", moved)
    bumped = Product.objects.filter(Q(stock=0) | Q(status="gone")).update(stock=F("stock") + 1, status="draft")
    print("  bumped:", bumped, list(Product.objects.order_by("id").values_list("stock", flat=True)))
    per_cat = Category.objects.annotate(n=Count("products")).order_by("name").values_list("name", "n")
    print("  per category:", list(per_cat))
    status_field = Product._meta.get_field("status")
    print("  choices:", status_field.choices, status_field.default, Product._meta.verbose_name, Product.__name__, Product.__module__)
    print("  now is aware:", timezone.is_aware(timezone.now()), isinstance(timezone.now(), datetime.datetime))


def clear(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    print()
    print("  cleared:", Product.objects.update(slug=None))


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_product_slug"),
    ]

    operations = [
        migrations.RunPython(backfill, clear),
    ]
