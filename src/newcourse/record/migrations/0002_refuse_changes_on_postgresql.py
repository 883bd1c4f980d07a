"""On PostgreSQL, refuse UPDATE and DELETE of record entries in the database itself.

The model already refuses; this catches raw SQL too. TRUNCATE is left to the database's own
privileges (test teardown uses it); a truncated record is caught by comparing head hashes.
SQLite gets no trigger: Django's test flush deletes rows there, and SQLite deployments are
single-operator installations anyway.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION newcourse_record_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the open record is append-only: % refused on entry %', TG_OP, OLD.seq;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER record_entry_append_only
    BEFORE UPDATE OR DELETE ON record_recordentry
    FOR EACH ROW EXECUTE FUNCTION newcourse_record_is_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS record_entry_append_only ON record_recordentry;
DROP FUNCTION IF EXISTS newcourse_record_is_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("record", "0001_open_record")]
    operations = [migrations.RunPython(create, drop)]
