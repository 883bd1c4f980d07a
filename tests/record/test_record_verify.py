"""`newcourse record verify`: the database's chain, a head a member kept, and damaged bytes
reported as damage (exit 1), never as a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from newcourse import ledger
from newcourse.record.models import RecordEntry, RecordHead
from newcourse.record.services import record_append

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="raw damage written past SQLite's checks"
)


@pytest.fixture
def five_entries(db):
    return [
        record_append(actor="system:test", action="test.entry", subject=f"x:{n}", payload={"n": n})
        for n in range(5)
    ]


def raw(sql: str, *params: object) -> None:
    """Write straight to the table, as whoever holds the database file can."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = 1")
        cursor.execute(sql, params)
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = 0")


def reseal_everything_from(seq: int, payload: str) -> None:
    """The attack of the review: edit entry `seq`, recompute every later hash, update the
    head row. Every check without a kept head passes afterwards."""
    entries = list(RecordEntry.objects.order_by("seq"))
    prev = entries[seq - 2].hash if seq > 1 else ledger.GENESIS_HASH
    for row in entries[seq - 1 :]:
        sealed = ledger.seal(
            seq=row.seq,
            recorded_at=row.recorded_at,
            actor=row.actor,
            action=row.action,
            subject=row.subject,
            body=row.body_slug,
            payload={"n": payload} if row.seq == seq else row.payload,
            prev_hash=prev,
        )
        raw(
            "UPDATE record_recordentry SET payload = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            json.dumps(sealed.payload),
            sealed.prev_hash,
            sealed.hash,
            row.seq,
        )
        prev = sealed.hash
    raw("UPDATE record_recordhead SET hash = %s WHERE id = 1", prev)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the trigger refuses the edit")
def test_record_verify_head_catches_a_resealed_history(five_entries, capsys):
    kept = f"{five_entries[3].seq}:{five_entries[3].hash}"
    reseal_everything_from(2, "rewritten")
    call_command("record", "verify")  # without a kept head: "intact"
    capsys.readouterr()

    with pytest.raises(SystemExit) as exit_:
        call_command("record", "verify", "--head", kept)

    assert exit_.value.code == 1
    assert capsys.readouterr().err == (
        f"record broken at entry 4: the head you kept, #4 {five_entries[3].hash}, is not in "
        "this record: the history has been rewritten\n"
    )


def test_record_verify_head_passes_for_an_earlier_head(five_entries, capsys):
    call_command("record", "verify", "--head", f"2:{five_entries[1].hash.upper()}")

    assert capsys.readouterr().out.splitlines()[-1] == (
        f"the record holds the head you kept, #2 {five_entries[1].hash}: "
        "its history up to there is unchanged"
    )


def test_record_verify_head_hash_alone_is_found(five_entries, capsys):
    call_command("record", "verify", "--head", five_entries[0].hash)

    assert "intact: 5 entries" in capsys.readouterr().out


def test_record_verify_head_at_the_wrong_entry_fails(five_entries):
    with pytest.raises(SystemExit) as exit_:
        call_command("record", "verify", "--head", f"3:{five_entries[1].hash}")

    assert exit_.value.code == 1


@pytest.mark.parametrize("head", ["not-a-hash", f"x:{'ab' * 32}", "ab" * 31])
def test_record_verify_bad_head_exits_two(five_entries, head):
    with pytest.raises(CommandError) as error:
        call_command("record", "verify", "--head", head)

    assert error.value.returncode == 2


@sqlite_only
@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (
            "UPDATE record_recordentry SET payload = CAST(X'7B226E223AFF7D' AS TEXT) WHERE seq = 3",
            "it cannot be read from the database, its stored bytes are damaged",
        ),
        (
            "UPDATE record_recordentry SET payload = '{\"n\":2' WHERE seq = 3",
            "its field 'payload' must be a JSON object",
        ),
        (
            "UPDATE record_recordentry SET hash = 'abc' WHERE seq = 3",
            "its field 'hash' must be 64 lowercase hexadecimal digits",
        ),
        (
            "UPDATE record_recordentry SET payload = '{\"n\":7}' WHERE seq = 3",
            "its hash does not match its content",
        ),
        (
            "UPDATE record_recordentry SET recorded_at = CAST(X'FF' AS TEXT) WHERE seq = 3",
            "it cannot be read from the database, its stored bytes are damaged",
        ),
        (
            "UPDATE record_recordentry SET payload = '{\"n\":1.5}' WHERE seq = 3",
            "its field 'payload'['n'] is a float",
        ),
    ],
)
def test_record_verify_damaged_bytes_reported_not_crashed(five_entries, capfd, damage, reason):
    raw(damage)

    with pytest.raises(SystemExit) as exit_:
        call_command("record", "verify")

    assert exit_.value.code == 1
    err = capfd.readouterr().err
    assert err.startswith(f"record broken at entry 3: {reason}")
    assert "Traceback" not in err


@sqlite_only
def test_record_verify_damaged_head_row_reported(five_entries, capsys):
    raw("UPDATE record_recordhead SET hash = CAST(X'FF' AS TEXT) WHERE id = 1")

    with pytest.raises(SystemExit) as exit_:
        call_command("record", "verify")

    assert exit_.value.code == 1
    assert capsys.readouterr().err.startswith("record broken: the head row cannot be read")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the trigger refuses the delete")
def test_record_verify_dropped_last_entry_caught_by_the_head_row(five_entries, capsys):
    raw("DELETE FROM record_recordentry WHERE seq = 5")

    with pytest.raises(SystemExit):
        call_command("record", "verify")

    assert "but the head row says #5" in capsys.readouterr().err


def test_record_verify_empty_record_is_intact(db, capsys):
    assert not RecordHead.objects.exists()

    call_command("record", "verify", "--head", f"0:{ledger.GENESIS_HASH}")

    assert "intact: 0 entries" in capsys.readouterr().out


@sqlite_only
def test_record_verify_process_prints_no_traceback_at_exit(transactional_db):
    """The review's report: a one-byte edit made the command end with a stray
    `ProgrammingError` traceback (a cursor closed after its connection)."""
    for n in range(3):
        record_append(actor="system:test", action="test.entry", subject=f"x:{n}", payload={"n": n})
    raw("UPDATE record_recordentry SET payload = '{\"n\":7}' WHERE seq = 2")
    database = connection.settings_dict["NAME"]

    done = subprocess.run(
        [sys.executable, "-m", "newcourse", "record", "verify"],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 1
    assert done.stderr == "record broken at entry 2: its hash does not match its content\n"
