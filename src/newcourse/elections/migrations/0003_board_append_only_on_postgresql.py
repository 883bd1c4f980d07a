"""On PostgreSQL, refuse UPDATE and DELETE of what a verifiable election publishes: the board,
audited ballots, the credential list and the tellers' files. The models refuse already; this
catches raw SQL too (see record/migrations/0002 for why SQLite gets no trigger)."""

from django.db import migrations

TABLES = (
    "elections_boardentry",
    "elections_auditedballot",
    "elections_votercredential",
    "elections_tellermessage",
)

FUNCTION = """
CREATE OR REPLACE FUNCTION newcourse_published_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION newcourse_published_is_append_only();",
            params=None,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};", params=None
        )
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS newcourse_published_is_append_only();", params=None
    )


class Migration(migrations.Migration):
    dependencies = [("elections", "0002_verifiable_elections")]
    operations = [migrations.RunPython(create, drop)]
