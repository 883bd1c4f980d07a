"""On PostgreSQL, the voter credentials stay append-only once voting opens, but a credential
may be withdrawn (deleted) while its election is still in its key ceremony: the opening
withdraws the credentials of members who are no longer electors before the list is fixed in
the fingerprint. Updates stay refused always."""

from django.db import migrations

TABLE = "verifiable_votercredential"
OLD_TRIGGER = "elections_votercredential_append_only"
TRIGGER = "verifiable_votercredential_fixed_once_open"

FUNCTION = """
CREATE OR REPLACE FUNCTION newcourse_credentials_fixed_once_open() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM verifiable_verifiableelection
        WHERE election_id = OLD.election_id AND status = 'ceremony'
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only once voting opens: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {OLD_TRIGGER} ON {TABLE};", params=None)
    schema_editor.execute(FUNCTION, params=None)
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION newcourse_credentials_fixed_once_open();",
        params=None,
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};", params=None)
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS newcourse_credentials_fixed_once_open();", params=None
    )
    schema_editor.execute(
        f"CREATE TRIGGER {OLD_TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION newcourse_published_is_append_only();",
        params=None,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("verifiable", "0004_voter_credential_tied_to_member"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
