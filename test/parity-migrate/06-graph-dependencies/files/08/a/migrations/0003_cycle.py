from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('a', '0002_author_bio'),
        ('b', '0001_initial'),
    ]

    operations = [
    ]
