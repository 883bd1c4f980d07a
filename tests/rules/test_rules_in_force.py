"""Every act reads its numbers from the rules in force when it began, and keeps them: a
carried rule change governs the next recall, never one already open."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from tests.rules.steps import DAY, propose, vote

from newcourse.elections import services as election_services
from newcourse.elections.models import ElectionStatus, PetitionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import TermEnd, add_months
from newcourse.record.models import RecordEntry
from newcourse.rules import services as rules_services
from newcourse.rules.models import RuleChange, RuleChangeStatus, RulesVersion

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def treasurer(tree, voters):
    """The region's treasurer (a voter, by the office's founding act): ten members elect
    them, so a recall needs 2 signatures at 20% and 4 at 40%."""
    office = office_services.office_create(actor="t", body=tree["region"], title="Treasurer")
    (term,) = office_services.term_record_founding(actor="t", office=office, members=[voters[9]])
    return term


@pytest.fixture
def auditor(tree, voters):
    office = office_services.office_create(actor="t", body=tree["region"], title="Auditor")
    (term,) = office_services.term_record_founding(actor="t", office=office, members=[voters[8]])
    return term


def test_a_carried_change_governs_the_next_recall_and_not_the_open_one(
    tree, voters, treasurer, auditor, carry
):
    # The region's electorate: the ten voters and the general secretary (North): 11 members.
    open_petition = election_services.recall_open(
        member=voters[0], term=treasurer, reason="Never reports"
    )
    assert (open_petition.threshold, open_petition.rulebook_version) == (3, 1)  # 20% of 11

    change = carry({"recall.threshold": "40%", "recall.majority": "2/3"})

    assert change.status == "carried"
    next_petition = election_services.recall_open(
        member=voters[1], term=auditor, reason="Missing accounts"
    )
    assert (next_petition.threshold, next_petition.rulebook_version) == (5, 2)  # 40% of 11
    entry = RecordEntry.objects.filter(action="recall.opened").latest("seq")
    assert (entry.payload["share"], entry.payload["rulebook_version"]) == ("40%", 2)

    # The open petition keeps its threshold, and its vote the simple majority it began under.
    for member in voters[1:3]:
        election_services.recall_sign(member=member, petition=open_petition)
    open_petition.refresh_from_db()
    assert open_petition.status == PetitionStatus.VOTING
    vote = open_petition.vote
    assert vote.rulebook_version == 1
    now = timezone.now()
    vote = election_services.election_advance(election=vote, now=now)
    for member, choice in zip(voters[:5], ["yes", "yes", "yes", "no", "no"], strict=True):
        election_services.ballot_cast(election=vote, member=member, choices=[choice], now=now)
    done = election_services.election_advance(election=vote, now=vote.voting_closes_at + HOUR)
    # 3 to 2 is a simple majority, short of the two thirds version 2 asks.
    assert done.status == ElectionStatus.DECLARED
    assert (done.result["carried"], done.result["majority"]) == (True, "simple")
    treasurer.refresh_from_db()
    assert treasurer.end_reason == TermEnd.RECALLED


def test_an_election_under_way_fills_its_terms_by_the_rules_it_began_with(tree, voters, carry):
    office = office_services.office_create(actor="t", body=tree["region"], title="Chair")
    now = timezone.now()
    election = election_services.election_schedule(
        actor="t",
        office=office,
        nominations_open_at=now - 4 * HOUR,
        nominations_close_at=now - 2 * HOUR,
        voting_opens_at=now - 2 * HOUR,
        voting_closes_at=now + 2 * HOUR,
    )
    election_services.election_advance(election=election, now=now - 4 * HOUR + HOUR / 2)
    nomination = election_services.candidate_nominate(
        nominator=voters[1], election=election, candidate=voters[0], now=now - 3 * HOUR
    )
    election_services.candidate_second(seconder=voters[2], candidate=nomination, now=now - 3 * HOUR)
    election_services.candidate_accept(member=voters[0], candidate=nomination, now=now - 3 * HOUR)
    assert election.rulebook_version == 1

    carry({"term.months.post": "12"})

    declared = election_services.election_advance(election=election, now=now + 3 * HOUR)
    (term,) = declared.terms.all()
    assert term.due_on == add_months(term.began_on, 24)


def test_the_next_election_is_scheduled_by_the_new_rules(tree, carry):
    carry({"election.nomination_days": "21"})
    office = office_services.office_create(actor="t", body=tree["region"], title="Chair")
    election = election_services.election_schedule(actor="t", office=office)
    assert election.rulebook_version == 2
    assert election.nominations_close_at - election.nominations_open_at == datetime.timedelta(
        days=21
    )


def _tamper(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_record_verify_says_when_the_rulebook_was_edited_in_the_database(tree, capsys):
    version = RulesVersion.objects.get(body=tree["international"], number=1)
    call_command("record", "verify")
    _tamper(
        "UPDATE rules_rulesversion SET text = %s, parameters = %s WHERE id = %s",
        [
            version.text.replace("{recall.threshold = 20% [20%..50%]}", "{recall.threshold = 50%}"),
            '{"recall.threshold": "1/2"}',
            version.pk,
        ],
    )
    with pytest.raises(SystemExit) as exit_:
        call_command("record", "verify")
    assert exit_.value.code == 1
    said = capsys.readouterr().err
    assert "Rules of international, version 1 differs from record entry" in said
    assert "parameters, text_sha256" in said


def test_record_verify_says_when_a_version_was_slipped_in(tree, capsys):
    version = RulesVersion.objects.get(body=tree["international"], number=1)
    _tamper(
        "INSERT INTO rules_rulesversion (body_id, number, text, parameters, effective_on, "
        "adopted_at, source) VALUES (%s, 2, %s, %s, %s, %s, 'rule-change')",
        [tree["international"].pk, version.text, "{}", "2020-01-01", timezone.now()],
    )
    with pytest.raises(SystemExit):
        call_command("record", "verify")
    assert "version 2: the record has no entry adopting it" in capsys.readouterr().err


def test_a_rule_change_whose_text_was_edited_after_its_proposal_is_not_applied(
    tree, secretary, voters, capsys
):
    opens = timezone.now() - 20 * DAY
    change = propose(
        secretary, tree["international"], parameters={"pay.cap": "3000 GBP"}, now=opens
    )
    vote(change, voters, "FFFFFFFFFF", opens + DAY)
    forged = change.text.replace("{recall.threshold = 20% [20%..50%]}", "{recall.threshold = 50%}")
    RuleChange.objects.filter(pk=change.pk).update(text=forged)
    with pytest.raises(SystemExit):
        call_command("record", "verify")
    assert f"Rule change {change.pk}: its text is not the one sealed" in capsys.readouterr().err

    rules_services.rule_changes_tick(now=change.voting_closes_at)
    change.refresh_from_db()
    assert change.status == RuleChangeStatus.NOT_APPLIED
    assert not RulesVersion.objects.filter(number=2).exists()
