"""Private parts of record entries: kept apart, committed to on the chain, opened for the
entitled reader only, and any change to them shown when they are opened."""

import json

import pytest
from django.core.management import call_command

from newcourse import ledger
from newcourse.organisation.access import record_reader_for_person
from newcourse.record import selectors
from newcourse.record.models import RecordEntry, RecordPrivatePart
from newcourse.record.selectors import NO_READER, entries_seen_by
from newcourse.record.services import record_append, record_append_many

PRIVATE = {"name": "Aline Personne", "reason": "Persistent arrears"}


@pytest.fixture
def expelled(db, tree, make_member):
    """Member of North whose expulsion entry carries a name and a reason as private parts."""
    member = make_member(tree["north"], name="Aline Personne")
    entry = record_append(
        actor="system:test",
        action="member.expelled",
        subject=f"member:{member.number}",
        body=tree["north"],
        payload={"on": "2026-11-28"},
        private=PRIVATE,
        member=member,
    )
    return member, entry


def seen_by(person, entry):
    (seen,) = entries_seen_by(
        [RecordEntry.objects.get(seq=entry.seq)], record_reader_for_person(person)
    )
    return seen


def test_private_parts_stay_off_the_chain(expelled):
    _, entry = expelled
    stored = RecordEntry.objects.get(seq=entry.seq)
    assert set(stored.payload) == {"on", ledger.PRIVATE_KEY}
    assert "Aline" not in json.dumps(stored.payload)
    part = RecordPrivatePart.objects.get(entry=stored)
    assert part.fields == PRIVATE
    assert stored.payload[ledger.PRIVATE_KEY] == ledger.private_commitment(
        salt=part.salt, fields=PRIVATE
    )


def test_chain_with_private_parts_verifies(expelled):
    record_append(actor="system:test", action="test.after", subject="x:1")
    assert selectors.record_verify().count == RecordEntry.objects.count()


def test_public_export_holds_commitments_only(expelled, tmp_path):
    out = tmp_path / "record.jsonl"
    call_command("record", "export", "--out", str(out))
    text = out.read_text()
    assert "Aline" not in text and "arrears" not in text
    assert ledger.verify_file(out).count == RecordEntry.objects.count()


def test_salt_differs_between_entries_with_the_same_details(db, tree):
    for n in range(2):
        record_append(
            actor="system:test", action="test.same", subject=f"x:{n}", private={"reason": "x"}
        )
    first, second = RecordEntry.objects.filter(action="test.same")
    assert first.payload[ledger.PRIVATE_KEY] != second.payload[ledger.PRIVATE_KEY]


def test_payload_cannot_claim_the_commitment_key(db):
    with pytest.raises(ValueError, match="kept for the commitment"):
        record_append(
            actor="system:test",
            action="test.clash",
            subject="x:1",
            payload={ledger.PRIVATE_KEY: "0" * 64},
            private={"reason": "x"},
        )


def test_append_many_keeps_each_entrys_private_parts(db, tree):
    record_append_many(
        actor="system:test",
        entries=[
            {
                "action": "test.bulk",
                "subject": f"x:{n}",
                "body": tree["north"],
                "private": {"name": f"Person {n}"},
            }
            for n in range(3)
        ],
    )
    entries = RecordEntry.objects.filter(action="test.bulk").select_related("private_part")
    assert [e.private_part.fields for e in entries] == [{"name": f"Person {n}"} for n in range(3)]
    assert all(selectors.opening_matches(e, e.private_part) for e in entries)
    assert selectors.record_verify().count == RecordEntry.objects.count()


def test_member_concerned_sees_their_private_parts(expelled):
    member, entry = expelled
    seen = seen_by(member.person, entry)
    assert (seen.private, seen.withheld) == (PRIVATE, False)


def test_officer_of_the_members_body_sees_private_parts(expelled, tree, officer_of):
    _, entry = expelled
    officer = officer_of(tree["north"])
    assert seen_by(officer.person, entry).private == PRIVATE


def test_officer_of_a_body_above_sees_private_parts(expelled, tree, officer_of):
    _, entry = expelled
    officer = officer_of(tree["international"], branch=tree["far"])
    assert seen_by(officer.person, entry).private == PRIVATE


def test_officer_of_a_sibling_branch_sees_them_withheld(expelled, tree, officer_of):
    _, entry = expelled
    officer = officer_of(tree["south"])
    seen = seen_by(officer.person, entry)
    assert (seen.private, seen.withheld) == (None, True)


def test_member_of_the_same_branch_sees_them_withheld(expelled, tree, make_member):
    _, entry = expelled
    neighbour = make_member(tree["north"])
    seen = seen_by(neighbour.person, entry)
    assert (seen.private, seen.withheld) == (None, True)


def test_nobody_in_particular_sees_them_withheld(expelled):
    _, entry = expelled
    (seen,) = entries_seen_by([RecordEntry.objects.get(seq=entry.seq)], NO_READER)
    assert (seen.private, seen.withheld) == (None, True)


def test_tampered_private_parts_are_shown_as_mismatch_not_as_fact(expelled):
    member, entry = expelled
    RecordPrivatePart.objects.filter(entry_id=entry.seq).update(
        fields={**PRIVATE, "reason": "Something else"}
    )
    seen = seen_by(member.person, entry)
    assert (seen.private, seen.mismatch) == (None, True)
    assert selectors.record_verify().count == RecordEntry.objects.count()


def test_record_openings_command_passes_untouched_parts(expelled, capsys):
    call_command("record", "openings")
    # The admission's name and the expulsion's reason.
    assert "of 2 entries match" in capsys.readouterr().out


def test_record_openings_command_finds_tampered_parts(expelled, capsys):
    _, entry = expelled
    RecordPrivatePart.objects.filter(entry_id=entry.seq).update(salt="f" * 64)
    with pytest.raises(SystemExit) as exit_:
        call_command("record", "openings")
    assert exit_.value.code == 1
    assert f"entries {entry.seq}." in capsys.readouterr().err
