from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('books', '0003_book_pages'),
    ]

    operations = [
        migrations.RunSQL(
            "INSERT INTO books_author (name) VALUES ('Ursula'), ('Terry')",
            reverse_sql="DELETE FROM books_author",
        ),
        migrations.RunSQL("SELECT 1", elidable=True),
    ]
