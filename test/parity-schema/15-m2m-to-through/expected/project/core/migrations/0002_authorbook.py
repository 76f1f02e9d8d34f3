from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AuthorBook",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("author", models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, to="core.author")),
                        ("book", models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, to="core.book")),
                    ],
                    options={"db_table": "core_book_authors"},
                ),
                migrations.AlterField(
                    model_name="book",
                    name="authors",
                    field=models.ManyToManyField(through="core.AuthorBook", to="core.author"),
                ),
            ],
        ),
        migrations.AddField(
            model_name="authorbook",
            name="is_primary",
            field=models.BooleanField(default=False),
        ),
    ]
