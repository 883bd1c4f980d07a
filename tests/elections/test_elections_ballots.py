import datetime
import logging
import threading

import pytest
from django.db import connection, connections

from newcourse.elections import services
from newcourse.elections.models import Ballot, Elector
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidBallot, NotPermitted, OutsideWindow


def test_ballot_cast_returns_receipt_and_marks_voter(voting, standing, electorate):
    election, later = voting
    receipt = services.ballot_cast(
        election=election, member=electorate[0], choices=[str(standing[1].pk)], now=later
    )
    ballot = Ballot.objects.get(election=election)
    assert (ballot.receipt, ballot.choices) == (receipt, [str(standing[1].pk)])
    assert Elector.objects.get(election=election, member=electorate[0]).has_voted


def test_second_ballot_from_same_member_is_refused(voting, standing, electorate):
    election, later = voting
    services.ballot_cast(
        election=election, member=electorate[0], choices=[str(standing[0].pk)], now=later
    )
    with pytest.raises(AlreadyDone):
        services.ballot_cast(
            election=election, member=electorate[0], choices=[str(standing[1].pk)], now=later
        )
    assert Ballot.objects.filter(election=election).count() == 1


def test_ballot_before_voting_opens_is_refused(election, standing, electorate, now):
    with pytest.raises(OutsideWindow, match="not opened"):
        services.ballot_cast(
            election=election, member=electorate[0], choices=[str(standing[0].pk)], now=now
        )


def test_ballot_after_voting_closes_is_refused(voting, standing, electorate):
    election, later = voting
    with pytest.raises(OutsideWindow, match="closed"):
        services.ballot_cast(
            election=election,
            member=electorate[0],
            choices=[str(standing[0].pk)],
            now=later + datetime.timedelta(days=3),
        )


def test_ballot_from_member_of_another_body_is_refused(voting, standing, tree, make_member):
    election, later = voting
    outsider = make_member(tree["far"])
    with pytest.raises(NotPermitted, match="electorate"):
        services.ballot_cast(
            election=election, member=outsider, choices=[str(standing[0].pk)], now=later
        )
    assert Ballot.objects.count() == 0


@pytest.mark.parametrize(
    ("ranking", "message"),
    [
        ([], "empty"),
        (["first", "first"], "only one preference"),
        (["999999"], "not standing"),
    ],
)
def test_invalid_ranking_is_refused_plainly(voting, standing, electorate, ranking, message):
    election, later = voting
    ranking = [str(standing[0].pk) if r == "first" else r for r in ranking]
    with pytest.raises(InvalidBallot, match=message):
        services.ballot_cast(election=election, member=electorate[0], choices=ranking, now=later)
    assert not Elector.objects.get(election=election, member=electorate[0]).has_voted


def test_ranking_naming_withdrawn_candidate_is_refused(election, standing, electorate, now):
    fourth = services.candidate_nominate(
        nominator=electorate[3], election=election, candidate=electorate[5], now=now
    )
    services.candidate_second(seconder=electorate[4], candidate=fourth, now=now)
    services.candidate_accept(member=electorate[5], candidate=fourth, now=now)
    services.candidate_withdraw(member=electorate[2], candidate=standing[2], now=now)
    later = now + datetime.timedelta(hours=25)
    services.election_advance(election=election, now=later)
    with pytest.raises(InvalidBallot):
        services.ballot_cast(
            election=election, member=electorate[0], choices=[str(standing[2].pk)], now=later
        )


def test_ballot_table_holds_nothing_that_names_the_voter(voting, standing, electorate):
    election, later = voting
    services.ballot_cast(
        election=election, member=electorate[0], choices=[str(standing[0].pk)], now=later
    )
    fields = {f.name for f in Ballot._meta.get_fields()}
    # form_key: the hash of the confirming form's random key, which names nobody (below).
    assert fields == {"id", "election", "choices", "weight", "receipt", "form_key"}
    assert {f.name for f in Elector._meta.get_fields()} == {
        "id",
        "election",
        "member",
        "weight",
        "has_voted",
    }


def test_casting_writes_no_record_entry_and_no_log(voting, standing, electorate, caplog):
    election, later = voting
    entries = RecordEntry.objects.count()
    with caplog.at_level(logging.DEBUG):
        receipt = services.ballot_cast(
            election=election, member=electorate[0], choices=[str(standing[0].pk)], now=later
        )
    assert RecordEntry.objects.count() == entries
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert receipt not in logged
    assert electorate[0].number not in logged


def test_ballot_ids_do_not_follow_casting_order(voting, standing, electorate):
    election, later = voting
    receipts = [
        services.ballot_cast(election=election, member=m, choices=[str(standing[0].pk)], now=later)
        for m in electorate
    ]
    ids_in_casting_order = [Ballot.objects.get(receipt=r).id for r in receipts]
    # Sequential keys would give the casting order away; random 62-bit keys do not run on.
    first = min(ids_in_casting_order)
    assert sorted(ids_in_casting_order) != list(range(first, first + 6))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="transaction ids are PostgreSQL's")
def test_closing_erases_transaction_ids_that_link_ballots_to_voters(voting, standing, electorate):
    election, later = voting
    for member in electorate:
        services.ballot_cast(
            election=election, member=member, choices=[str(standing[0].pk)], now=later
        )
    services.election_close(
        actor="system:test", election=election, now=later + datetime.timedelta(days=2)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM elections_ballot WHERE election_id = %s", [election.pk]
        )
        ballot_xids = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM elections_elector WHERE election_id = %s",
            [election.pk],
        )
        elector_xids = {row[0] for row in cursor.fetchall()}
    assert len(ballot_xids) == 1
    assert len(elector_xids) == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_attempts_store_exactly_one_ballot(tree, make_member, voting_election):
    now = datetime.datetime.now(datetime.UTC)
    members = [make_member(tree["north"]) for _ in range(4)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    choices = [str(c.pk) for c in election.candidates.all()]
    voter = members[3]
    results: list[str] = []
    barrier = threading.Barrier(4)

    def attempt() -> None:
        barrier.wait()
        try:
            services.ballot_cast(election=election, member=voter, choices=choices[:1], now=now)
            results.append("stored")
        except AlreadyDone:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused", "refused", "refused", "stored"]
    assert Ballot.objects.filter(election=election).count() == 1


def test_the_same_form_sent_again_gets_the_receipt_of_the_ballot_that_counted(
    voting, standing, electorate
):
    """The answer to the first send was lost: the second send of the same form (its random
    key) is given the first ballot's receipt, and the box still holds one ballot."""
    election, later = voting
    key = services.new_form_key()
    first = services.ballot_cast(
        election=election,
        member=electorate[0],
        choices=[str(standing[0].pk)],
        now=later,
        form_key=key,
    )
    again = services.ballot_cast(
        election=election,
        member=electorate[0],
        choices=[str(standing[0].pk)],
        now=later,
        form_key=key,
    )
    assert again == first
    (ballot,) = Ballot.objects.filter(election=election)
    assert key not in ballot.form_key  # only its hash is kept
    assert len(ballot.form_key) == 64


def test_another_form_from_a_voter_who_voted_is_refused(voting, standing, electorate):
    election, later = voting
    cast = {"election": election, "choices": [str(standing[0].pk)], "now": later}
    services.ballot_cast(member=electorate[0], form_key=services.new_form_key(), **cast)
    with pytest.raises(AlreadyDone):
        services.ballot_cast(member=electorate[0], form_key=services.new_form_key(), **cast)
    with pytest.raises(AlreadyDone):
        services.ballot_cast(member=electorate[0], **cast)


def test_a_form_key_gets_nobody_elses_receipt(voting, standing, electorate):
    """A key known to someone who has voted without it finds no ballot of theirs."""
    election, later = voting
    cast = {"election": election, "choices": [str(standing[0].pk)], "now": later}
    key = services.new_form_key()
    services.ballot_cast(member=electorate[0], form_key=key, **cast)
    services.ballot_cast(member=electorate[1], **cast)
    with pytest.raises(AlreadyDone):
        services.ballot_cast(member=electorate[1], form_key=services.new_form_key(), **cast)


def test_a_damaged_form_key_is_refused_and_nothing_cast(voting, standing, electorate):
    election, later = voting
    with pytest.raises(InvalidBallot, match="key is damaged"):
        services.ballot_cast(
            election=election,
            member=electorate[0],
            choices=[str(standing[0].pk)],
            now=later,
            form_key="short",
        )
    assert not Ballot.objects.filter(election=election).exists()


def test_closing_forgets_the_forms_keys(voting, standing, electorate):
    election, later = voting
    for member in electorate:
        services.ballot_cast(
            election=election,
            member=member,
            choices=[str(standing[0].pk)],
            now=later,
            form_key=services.new_form_key(),
        )
    services.election_close(
        actor="system:test", election=election, now=later + datetime.timedelta(days=2)
    )
    assert set(Ballot.objects.filter(election=election).values_list("form_key", flat=True)) == {""}
