from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0002_broken'),
    ]

    operations = [
        migrations.RunSQL(
            [
                "INSERT INTO shop_item (name, price) VALUES ('second', 2)",
                ("INSERT INTO shop_item (name, price) VALUES (%s, %s)", ["it's 100%", 3]),
                ("UPDATE shop_item SET price = price + 1 WHERE name LIKE %s", ("s%",)),
            ],
            reverse_sql=[
                ("DELETE FROM shop_item WHERE price >= %s", [3]),
            ],
        ),
        migrations.RunSQL(
            """
            CREATE VIEW shop_cheap AS SELECT name FROM shop_item WHERE price < 3;
            -- a comment between statements
            COMMENT ON VIEW shop_cheap IS 'cheap items, 100% sure';
            """,
            reverse_sql="DROP VIEW shop_cheap",
        ),
        migrations.RunSQL("SELECT 'no params, 100%'", migrations.RunSQL.noop),
        migrations.RunSQL(
            migrations.RunSQL.noop,
            reverse_sql="SELECT 1",
            elidable=True,
        ),
    ]
