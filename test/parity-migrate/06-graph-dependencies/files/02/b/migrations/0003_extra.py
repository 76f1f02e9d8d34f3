from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('b', '0002_book_pages'),
        ('zzz', '0001_initial'),
    ]

    operations = [
    ]
