from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('b', '0002_book_pages'),
        ('d', '__first__'),
    ]

    operations = [
    ]
