"""The word search's own table (SearchText), filled from every activity, with a trigram index
on PostgreSQL: `icontains` is UPPER(text) LIKE UPPER('%word%') there, and the index's expression
is exactly that, or the planner would not use it. SQLite has no such index."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """INSERT INTO cooperation_searchtext (activity_id, text)
SELECT a.id, a.title || '
' || a.title_zh || '
' || a.summary || '
' || coalesce(p.text, '')
  FROM cooperation_activity a
  LEFT JOIN cooperation_passage p ON p.id = a.passage_id"""


def fill(apps, schema_editor):
    schema_editor.execute(FILL)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX searchtext_trigram ON cooperation_searchtext "
            "USING gin (upper(text) gin_trgm_ops)"
        )


def empty(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchtext_trigram")
    schema_editor.execute("DELETE FROM cooperation_searchtext")


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0010_release")]

    operations = [
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "activity",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="cooperation.activity",
                    ),
                ),
                ("text", models.TextField()),
            ],
        ),
        migrations.RunPython(fill, empty),
    ]
