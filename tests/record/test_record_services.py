import pytest
from django.db import DatabaseError, connection, transaction

from newcourse import ledger
from newcourse.record import selectors
from newcourse.record.models import RecordEntry, RecordIsAppendOnly
from newcourse.record.services import record_append, record_append_many


def test_record_append_chains_entries(db):
    first = record_append(actor="system:test", action="test.first", subject="x:1")
    second = record_append(
        actor="system:test", action="test.second", subject="x:2", payload={"n": 2}
    )
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == ledger.GENESIS_HASH
    assert second.prev_hash == first.hash
    assert selectors.record_verify().count == 2


def test_record_append_many_continues_the_chain(db):
    record_append(actor="system:test", action="test.one", subject="x:1")
    record_append_many(
        actor="system:test",
        entries=[
            {"action": "test.bulk", "subject": f"x:{n}", "payload": {"n": n}} for n in range(5)
        ],
    )
    report = selectors.record_verify()
    assert report.count == 6


def test_record_entry_is_rolled_back_with_its_change(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_append(actor="system:test", action="test.lost", subject="x:1")
        raise RuntimeError("the change failed")
    assert RecordEntry.objects.count() == 0
    assert record_append(actor="system:test", action="test.kept", subject="x:1").seq == 1


def test_record_entry_cannot_be_changed_or_deleted(db):
    entry = record_append(actor="system:test", action="test.x", subject="x:1")
    entry.action = "test.rewritten"
    with pytest.raises(RecordIsAppendOnly):
        entry.save()
    with pytest.raises(RecordIsAppendOnly):
        entry.delete()
    with pytest.raises(RecordIsAppendOnly):
        RecordEntry.objects.filter(seq=1).update(action="test.y")
    with pytest.raises(RecordIsAppendOnly):
        RecordEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_record_trigger_refuses_raw_update_on_postgresql(db):
    record_append(actor="system:test", action="test.x", subject="x:1")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE record_recordentry SET action = 'forged' WHERE seq = 1")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM record_recordentry WHERE seq = 1")


def test_record_verify_detects_a_tampered_row(db):
    if connection.vendor == "postgresql":
        pytest.skip("the trigger refuses the forgery")
    record_append(actor="system:test", action="test.x", subject="x:1", payload={"votes": 10})
    record_append(actor="system:test", action="test.y", subject="x:2")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE record_recordentry SET payload = %s WHERE seq = 1", ['{"votes": 11}']
        )
    with pytest.raises(ledger.ChainBroken) as broken:
        selectors.record_verify()
    assert broken.value.seq == 1


def test_record_verify_detects_a_dropped_last_entry(db):
    if connection.vendor == "postgresql":
        pytest.skip("the trigger refuses the deletion")
    record_append(actor="system:test", action="test.x", subject="x:1")
    record_append(actor="system:test", action="test.y", subject="x:2")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM record_recordentry WHERE seq = 2")
    with pytest.raises(ledger.ChainBroken):
        selectors.record_verify()
