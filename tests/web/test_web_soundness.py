"""`newcourse check`: Django's system checks, then the stored data — each ballot box against
its marked electors, receipts, the database's own integrity, verifiable boards, the record."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection

from newcourse.demo.tellers import cast
from newcourse.elections import services
from newcourse.elections.models import Ballot, Elector
from newcourse.web.soundness import FAILED, OK, SKIPPED, Finding, ballot_boxes

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's own integrity and foreign key checks"
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's amcheck extension"
)


def raw(sql: str, *params: object) -> None:
    """Write straight to a table, as whoever holds the database can (on PostgreSQL, past the
    append-only triggers, as its superuser can)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("RESET session_replication_role")


@pytest.fixture
def cast_three(tree, make_member, voting_election):
    """An election in the region with voting open and three ballots cast."""
    members = [make_member(tree["north"], name=f"Voter {n}") for n in range(5)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    first = str(election.candidates.first().pk)
    for member in members[:3]:
        services.ballot_cast(election=election, member=member, choices=[first])
    return election


def check(capsys):
    """`newcourse check` in this process: (exit code, its lines after Django's, stderr)."""
    try:
        call_command("check")
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out.splitlines()[1:], captured.err


def statuses(lines):
    return {line[8:].split(":")[0]: line[:7].strip() for line in lines}


def test_check_passes_when_every_box_holds_one_ballot_per_marked_elector(cast_three, capsys):
    code, lines, err = check(capsys)
    integrity = OK if connection.vendor == "sqlite" else SKIPPED
    assert (code, err) == (0, "")
    assert statuses(lines) == {
        "database integrity": integrity,
        "ballot boxes": OK,
        "receipts": OK,
        "verifiable boards": OK,
        "open record": OK,
    }
    assert ballot_boxes() == Finding(
        "ballot boxes", OK, "every box (1) holds one ballot per elector marked as having voted"
    )


def test_check_fails_when_a_ballot_is_taken_from_the_box(cast_three, capsys):
    Ballot.objects.filter(pk=Ballot.objects.filter(election=cast_three).first().pk).delete()
    code, lines, err = check(capsys)
    assert code == 1
    said = f"FAILED  ballot boxes: election {cast_three.pk}: 2 ballots, 3 marked as having voted"
    assert said in lines
    assert err == "1 of 5 checks failed: ballot boxes.\n"


def test_check_fails_when_an_elector_loses_their_mark(cast_three):
    elector = Elector.objects.filter(election=cast_three, has_voted=True).first()
    Elector.objects.filter(pk=elector.pk).update(has_voted=False)
    assert ballot_boxes() == Finding(
        "ballot boxes", FAILED, f"election {cast_three.pk}: 3 ballots, 2 marked as having voted"
    )


def test_a_verifiable_box_counts_a_revote_once_and_its_board_is_checked(
    open_verifiable_election, verifiable_voters, capsys
):
    election, _directories, codes = open_verifiable_election
    cast(election, verifiable_voters[0], codes[verifiable_voters[0].person.email], [1, 0, 0])
    for marks in ([0, 1, 0], [0, 0, 1]):
        cast(election, verifiable_voters[1], codes[verifiable_voters[1].person.email], marks)
    assert statuses(check(capsys)[1])["ballot boxes"] == OK

    raw(
        "UPDATE verifiable_boardentry SET prev = %s WHERE election_id = %s AND seq = 1",
        "00" * 32,
        election.pk,
    )
    code, lines, _err = check(capsys)
    assert code == 1
    assert statuses(lines)["verifiable boards"] == FAILED


def test_check_fails_when_the_record_loses_its_last_entry(cast_three, capsys):
    raw("DELETE FROM record_recordentry WHERE seq = (SELECT MAX(seq) FROM record_recordentry)")
    code, lines, _err = check(capsys)
    assert code == 1
    assert statuses(lines)["open record"] == FAILED


@sqlite_only
def test_check_fails_on_a_row_that_refers_to_nothing(cast_three, capsys):
    # Foreign keys are checked at commit: inside the test's transaction the row stands.
    raw(
        "INSERT INTO elections_elector (election_id, member_id, weight, has_voted) "
        "VALUES (%s, 999999, 1, false)",
        cast_three.pk,
    )
    try:
        code, lines, _err = check(capsys)
    finally:  # the test's own end checks the keys too
        raw("DELETE FROM elections_elector WHERE member_id = 999999")
    assert code == 1
    assert "FAILED  database integrity: a row of elections_elector refers to a missing " in (
        "\n".join(lines)
    )


@postgresql_only
def test_check_runs_amcheck_on_postgresql_when_it_is_installed(cast_three, capsys):
    raw("CREATE EXTENSION IF NOT EXISTS amcheck")
    code, lines, _err = check(capsys)
    assert code == 0
    assert statuses(lines)["database integrity"] == OK


@pytest.mark.parametrize("option", [["--deploy"], ["--tag", "security"], ["--list-tags"]])
def test_check_with_djangos_options_checks_the_configuration_only(db, capsys, monkeypatch, option):
    # The browser tests' switch is no part of a deployment (async.E001 under --deploy).
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    call_command("check", *option)
    assert "ballot boxes" not in capsys.readouterr().out


def test_check_without_a_database_says_so_and_exits_two(tmp_path):
    environment = {**os.environ, "NEWCOURSE_HOME": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "newcourse", "check"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 2
    assert f"There is no database yet in {tmp_path}" in result.stderr
    assert "newcourse init" in result.stderr
    assert "Traceback" not in result.stderr
