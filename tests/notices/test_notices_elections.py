"""Members are told when an election in their electorate opens nominations or voting, when
they are nominated, a day before voting closes if they have not voted, and when the result is
declared: by email, once, saying why, with the way to stop it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from newcourse.elections import services as election_services
from newcourse.elections.models import ElectionStatus
from newcourse.elections.services import announcements
from newcourse.notices.models import Delivery, Kind, Pending, Preference
from newcourse.notices.services import digests_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def voters(tree, make_member):
    return [make_member(tree["north"]) for _ in range(5)]


@pytest.fixture
def election(voters, voting_election):
    return voting_election(
        tree_region(voters), candidates=voters[:2], proposer=voters[2], seconder=voters[3]
    )


def tree_region(voters):
    return voters[0].body.parent


def mails_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def test_voting_open_tells_every_elector_once_saying_why(election, voters, mail_worker):
    mail_worker()
    announcements.voting_open(election)  # the step retried: nobody told twice
    mail_worker()

    for voter in voters:
        (message,) = [m for m in mails_to(voter.person) if m.subject.startswith("Voting is open")]
        assert f"/elections/{election.pk}/vote/" in message.body
        assert "in the electorate of this election" in message.body
        assert "/notices/stop/" in message.extra_headers["List-Unsubscribe"]
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_member_is_told_in_their_own_language(election, voters, mail_worker):
    person = voters[4].person
    person.preferred_language = "fr"
    person.save()
    mail_worker()
    mail.outbox.clear()

    announcements.declared(election)
    mail_worker()

    (message,) = mails_to(person)
    assert message.subject.startswith("Résultat proclamé")


def test_a_candidate_is_told_of_their_nomination(election, voters, mail_worker):
    mail_worker()
    (message,) = [m for m in mails_to(voters[0].person) if "nominated" in m.subject]
    assert voters[2].person.full_name in message.body
    assert "a member nominated you" in message.body


def test_electors_who_have_not_voted_are_reminded_once_a_day_before_the_close(
    election, voters, mail_worker
):
    election_services.ballot_cast(
        election=election, member=voters[0], choices=[str(election.candidates.first().pk)]
    )
    mail_worker()
    mail.outbox.clear()
    almost = election.voting_closes_at - datetime.timedelta(hours=2)

    assert (
        announcements.closing_soon(now=election.voting_closes_at - datetime.timedelta(days=2)) == 0
    )
    announcements.closing_soon(now=almost)
    announcements.closing_soon(now=almost + datetime.timedelta(minutes=1))
    mail_worker()

    reminded = {message.to[0] for message in mail.outbox}
    assert reminded == {voter.person.email for voter in voters[1:]}
    assert len(mail.outbox) == 4


def test_a_member_who_chose_no_email_of_a_kind_gets_none(election, voters, mail_worker):
    Preference.objects.create(person=voters[4].person, kind=Kind.DECLARED, delivery=Delivery.NEVER)
    mail_worker()
    mail.outbox.clear()

    announcements.declared(election)
    mail_worker()

    assert mails_to(voters[4].person) == []
    assert len(mail.outbox) == 4


def test_a_digest_gathers_a_days_notices_in_one_email_the_next_day(election, voters, mail_worker):
    person = voters[4].person
    for kind in (Kind.DECLARED, Kind.CLOSING_SOON):
        Preference.objects.create(person=person, kind=kind, delivery=Delivery.DIGEST)
    mail_worker()
    mail.outbox.clear()
    announcements.declared(election)
    announcements.closing_soon(now=timezone.now() + datetime.timedelta(minutes=1))
    mail_worker()
    assert mails_to(person) == []
    assert Pending.objects.filter(person=person).count() == 2

    tomorrow = timezone.now() + datetime.timedelta(days=2)
    assert digests_send(now=timezone.now()) == 0  # not before the day is over
    assert digests_send(now=tomorrow) == 1
    assert digests_send(now=tomorrow) == 0
    mail_worker()

    (digest,) = mails_to(person)
    assert digest.subject == "New Course: 2 notices"
    assert "Result declared" in digest.body and "Voting closes soon" in digest.body


def test_the_declaration_tells_the_electorate(election, voters, mail_worker):
    election.refresh_from_db()
    assert election.status == ElectionStatus.VOTING
    mail_worker()
    mail.outbox.clear()
    announcements.declared(election)
    mail_worker()
    assert {message.to[0] for message in mail.outbox} == {v.person.email for v in voters}
