"""Each verifiable election's state, kept until now as keys of the JSON column Election.crypto,
becomes a typed VerifiableElection row with an explicit status; the column goes in elections
0009. Both ways, so the move can be undone."""

from django.db import migrations

# The keys of Election.crypto, and the fields they become.
FIELDS = {
    "election_id": "record_id",
    "tellers": "tellers",
    "threshold": "threshold",
    "manifest": "manifest",
    "fingerprint": "fingerprint",
    "election_key": "election_key",
    "qualified": "qualified",
    "options": "options",
    "aggregate": "aggregate",
    "board_head": "board_head",
    "counted": "counted",
    "board_entries": "board_entries",
    "totals": "totals",
}


def status_of(election, crypto):
    """What the keys present said, as one status."""
    if "totals" in crypto:
        return "counted"
    if "aggregate" in crypto:
        if (election.result or {}).get("method") == "void":
            return "void"
        return "closed"
    if "fingerprint" in crypto:
        return "voting"
    if not election.verifiable:
        return "secret-ballot"
    return "ceremony"


def forwards(apps, schema_editor):
    Election = apps.get_model("elections", "Election")
    VerifiableElection = apps.get_model("verifiable", "VerifiableElection")
    for election in Election.objects.exclude(crypto=None).order_by("pk").iterator():
        crypto = election.crypto or {}
        if "election_id" not in crypto:
            continue
        values = {field: crypto[key] for key, field in FIELDS.items() if key in crypto}
        for text in ("fingerprint", "election_key", "board_head"):
            values[text] = values.get(text) or ""
        for listed in ("qualified", "options"):
            values[listed] = values.get(listed) or []
        VerifiableElection.objects.create(
            election=election, status=status_of(election, crypto), **values
        )


def backwards(apps, schema_editor):
    VerifiableElection = apps.get_model("verifiable", "VerifiableElection")
    for row in VerifiableElection.objects.select_related("election").iterator():
        crypto = {}
        for key, field in FIELDS.items():
            value = getattr(row, field)
            if value not in (None, "", []) or key in ("qualified", "options") and row.fingerprint:
                crypto[key] = value
        row.election.crypto = crypto
        row.election.save(update_fields=["crypto"])
    VerifiableElection.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("verifiable", "0002_tables_named_for_verifiable"),
        ("elections", "0008_verifiable_parts_move_out"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
