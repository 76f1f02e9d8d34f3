from django.db import migrations


def seed(apps, schema_editor):
    Label = apps.get_model("notes", "Label")
    Label.objects.create(label="todo")


class Migration(migrations.Migration):

    dependencies = [
        ("notes", "0003_label_note_main_tag_note_tags"),
    ]

    operations = [
        migrations.RunPython(seed),
    ]
