from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('b', '0002_book_pages'),
        ('c', '0001_initial'),
    ]

    operations = [
    ]
