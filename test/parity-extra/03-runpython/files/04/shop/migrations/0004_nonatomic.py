from django.db import migrations


def step_one(apps, schema_editor):
    Tag = apps.get_model("shop", "Tag")
    Tag.objects.create(name="step-one")
    print()
    print("  created step-one")


def step_two(apps, schema_editor):
    Tag = apps.get_model("shop", "Tag")
    Tag.objects.create(name="vip")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("shop", "0003_greet"),
    ]

    operations = [
        migrations.RunPython(step_one),
        migrations.RunPython(step_two),
    ]
