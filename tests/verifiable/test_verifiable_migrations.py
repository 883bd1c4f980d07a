"""The verifiable election's parts moved out of the elections app, and its state out of the JSON
column Election.crypto into typed fields with one status: a database made before the move keeps
every election, its tellers, their files, the credentials and the board, and each election's
state reads as the keys it had said."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newcourse.elections.models import Election
from newcourse.verifiable.models import (
    BoardEntry,
    Teller,
    TellerMessage,
    VerifiableElection,
    VerificationStatus,
    VoterCredential,
)

BEFORE_THE_MOVE = [
    ("elections", "0007_timetable_failures"),
    ("offices", "0002_tables_named_for_offices"),
]
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _election(old, office, crypto, **fields):
    return old.get_model("elections", "Election").objects.create(
        office=office,
        kind="regular",
        seats=1,
        method="plurality",
        nominations_open_at=NOW,
        nominations_close_at=NOW,
        voting_opens_at=NOW,
        voting_closes_at=NOW + datetime.timedelta(days=7),
        crypto=crypto,
        **{"verifiable": True, **fields},
    )


@pytest.mark.django_db(transaction=True)
def test_every_verifiable_election_keeps_its_parts_and_reads_its_state():
    old = migrate(BEFORE_THE_MOVE)
    body = old.get_model("organisation", "Body").objects.create(
        name="Branch", slug="branch", kind="Branch", path="/branch/", depth=0
    )
    person = old.get_model("accounts", "User").objects.create(
        email="teller@example.org", full_name="A Teller"
    )
    member = old.get_model("organisation", "Member").objects.create(
        person=person,
        number="T1",
        body=body,
        status="active",
        standing="good",
        joined_on=datetime.date(2020, 1, 1),
    )
    office = old.get_model("offices", "Office").objects.create(
        body=body, title="Chair", kind="post", verifiable=True
    )
    scheduled = {"election_id": "newcourse-1-aaaa", "tellers": 3, "threshold": 2}
    opened = {
        **scheduled,
        "election_id": "newcourse-2-bbbb",
        "manifest": {"format": "m"},
        "fingerprint": "f" * 64,
        "election_key": "e" * 64,
        "qualified": [1, 2, 3],
        "options": [7, 8],
    }
    closed = {
        **opened,
        "election_id": "newcourse-3-cccc",
        "aggregate": {"a": 1},
        "board_head": "b" * 64,
        "counted": 5,
        "board_entries": 6,
    }
    counted = {**closed, "election_id": "newcourse-4-dddd", "totals": [[3, 2]]}
    in_ceremony = _election(old, office, scheduled)
    voting = _election(old, office, opened, status="voting")
    awaiting = _election(old, office, closed, status="closed")
    done = _election(old, office, counted, status="declared")
    void = _election(
        old,
        office,
        closed | {"election_id": "newcourse-5-eeee"},
        status="declared",
        result={"method": "void"},
    )
    fell_back = _election(
        old,
        office,
        scheduled | {"election_id": "newcourse-6-ffff"},
        verifiable=False,
        status="voting",
    )
    plain = _election(old, office, None, verifiable=False)
    teller = old.get_model("elections", "Teller").objects.create(
        election=voting, index=1, member=member
    )
    old.get_model("elections", "TellerMessage").objects.create(
        teller=teller, kind="public-key", document={"kind": "public-key"}
    )
    old.get_model("elections", "VoterCredential").objects.create(election=voting, key="k" * 64)
    old.get_model("elections", "BoardEntry").objects.create(
        election=voting,
        seq=0,
        prev="p" * 64,
        credential="k" * 64,
        tracker="t" * 64,
        hash="h" * 64,
        ballot={"answers": []},
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def state(election):
        return VerifiableElection.objects.get(pk=election.pk)

    assert state(in_ceremony).status == VerificationStatus.CEREMONY
    assert (state(in_ceremony).record_id, state(in_ceremony).tellers) == ("newcourse-1-aaaa", 3)
    assert state(voting).status == VerificationStatus.VOTING
    assert (state(voting).fingerprint, state(voting).options) == ("f" * 64, [7, 8])
    assert state(awaiting).status == VerificationStatus.CLOSED
    assert (state(awaiting).counted, state(awaiting).board_head) == (5, "b" * 64)
    assert state(done).status == VerificationStatus.COUNTED
    assert state(done).totals == [[3, 2]]
    assert state(void).status == VerificationStatus.VOID
    assert state(fell_back).status == VerificationStatus.SECRET_BALLOT
    assert not VerifiableElection.objects.filter(pk=plain.pk).exists()
    assert Election.objects.get(pk=done.pk).encrypted
    moved = Teller.objects.get()
    assert (moved.election.pk, moved.member.number) == (voting.pk, "T1")
    assert TellerMessage.objects.get().teller == moved
    assert VoterCredential.objects.get().election.pk == voting.pk
    assert BoardEntry.objects.get().tracker == "t" * 64
    tables = connection.introspection.table_names()
    assert "verifiable_boardentry" in tables and "elections_boardentry" not in tables
