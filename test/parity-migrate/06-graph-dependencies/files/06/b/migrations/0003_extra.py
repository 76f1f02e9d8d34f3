from django.db import migrations
from b.helpers import nothing


class Migration(migrations.Migration):

    dependencies = [
        ('b', '0002_book_pages'),
    ]

    operations = [
    ]
