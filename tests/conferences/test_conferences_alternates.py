"""Each delegation has its alternates, elected beside it by the unit's members. An alternate
holds no seat and no credential until a delegate stands down (themself, or an officer of
their unit for them, with a reason, until the conference closes); the first alternate in line
who holds no seat then takes the seat, with a credential of their own. No alternate left: the
seat stays empty. The delegation never holds more seats than its entitlement."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connections
from tests.conferences.credentialing import (
    RULEBOOK,
    after_delegates,
    at,
    challenge,
    credentials_committee,
    issued,
    review,
    seat,
    seat_alternates,
    stand_down,
)
from tests.conferences.steps import DAY, fixed

from newcourse.conferences import selectors, services
from newcourse.conferences.access import may_challenge_credentials
from newcourse.conferences.models import Credential, Delegation
from newcourse.elections.models import Candidate, Election
from newcourse.offices import services as office_services
from newcourse.offices.models import Term
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow


@pytest.fixture
def rulebook_parameters():
    return RULEBOOK


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    """Six members of North, who send two delegates."""
    return [make_member(tree["north"], name=f"North {n}") for n in range(1, 7)]


@pytest.fixture
def conference(tree, secretary, north):
    """The International's congress, its entitlement fixed: North 1 and 2 seated in North's
    delegation, North 3 and then North 4 its alternates; the secretary in Far's."""
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], north[:2])
    seat_alternates(conference, tree["north"], north[2:4])
    seat(conference, tree["far"], [secretary])
    return conference


@pytest.fixture
def credentials(conference):
    return issued(conference)


@pytest.fixture
def north_secretary(tree, make_member, conference):
    """North's branch secretary, an office with powers (joined after the entitlement was
    fixed, which it leaves as it was)."""
    member = make_member(tree["north"], name="North Secretary")
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="Branch secretary"
    )
    office_services.term_record_founding(actor="system:test", office=office, members=[member])
    return member


def north_row(conference, today=None):
    return next(
        row for row in selectors.credentials_report(conference, today) if row.unit.slug == "north"
    )


def later(conference, days=1):
    return after_delegates(conference) + datetime.timedelta(days=days)


# The alternates' office, elected like the delegation


def test_each_delegation_has_its_alternates_as_an_office_of_as_many_seats(tree, conference):
    delegation = Delegation.objects.get(conference=conference, unit=tree["north"])
    alternates = delegation.alternates
    assert (alternates.body, alternates.kind, alternates.seats, alternates.title) == (
        tree["north"],
        "delegation",
        delegation.office.seats,
        "Alternates to Congress 2027",
    )


def test_the_alternates_are_elected_by_the_date_for_delegates_and_never_after(tree, conference):
    alternates = Delegation.objects.get(conference=conference, unit=tree["north"]).alternates
    before = at(conference.freeze_on)
    nominations_close, voting_closes = selectors.delegation_timetable(alternates, before)
    assert voting_closes.date() == conference.delegates_by + DAY
    assert nominations_close < voting_closes
    assert not selectors.delegation_over(alternates, conference.delegates_by)
    assert selectors.delegation_over(alternates, conference.delegates_by + DAY)


def test_an_alternate_gets_no_credential_at_the_tick(credentials):
    assert sorted(credentials) == ["North 1", "North 2", "Officer Person"]


# Standing down


def test_a_delegate_who_stands_down_gives_the_seat_to_the_first_alternate(
    credentials, conference, north
):
    given_up = stand_down(north[0], credentials["North 1"], now=later(conference))
    assert (given_up.status, given_up.stood_down_by, given_up.stood_down_reason) == (
        "stood-down",
        north[0],
        "Taken ill",
    )
    given_up.term.refresh_from_db()
    assert (given_up.term.ended_on, given_up.term.end_reason) == (
        later(conference).date(),
        "resigned",
    )
    taken = Credential.objects.get(alternate_for=given_up)
    assert (taken.term.member, taken.delegation, taken.status, taken.issued_at) == (
        north[2],
        given_up.delegation,
        "pending",
        later(conference),
    )
    assert taken.term.office == given_up.delegation.alternates


def test_standing_down_and_the_seat_taken_are_on_the_open_record(credentials, conference, north):
    given_up = stand_down(north[0], credentials["North 1"])
    taken = given_up.taken_by
    entries = RecordEntry.objects.filter(subject=f"conference:{conference.pk}").order_by("pk")
    stood, issued_to = list(entries)[-2:]
    public = {k: v for k, v in stood.payload.items() if k != "private"}
    assert (stood.action, public) == (
        "conference.delegate_stood_down",
        {
            "credential": given_up.pk,
            "unit": "north",
            "delegate": f"member:{north[0].number}",
            "stood_down_by": f"member:{north[0].number}",
        },
    )
    assert "Taken ill" not in str(stood.payload)
    assert (issued_to.action, issued_to.payload) == (
        "conference.credential_issued",
        {
            "credential": taken.pk,
            "unit": "north",
            "delegate": f"member:{north[2].number}",
            "alternate_for": given_up.pk,
            "in_place_of": f"member:{north[0].number}",
        },
    )


def test_alternates_step_up_in_order_and_then_the_seat_stays_empty(
    credentials, conference, north, north_secretary
):
    first = stand_down(north[0], credentials["North 1"])
    second = stand_down(north[1], credentials["North 2"])
    third = stand_down(north_secretary, first.taken_by)
    assert (first.taken_by.term.member, second.taken_by.term.member) == (north[2], north[3])
    assert not Credential.objects.filter(alternate_for=third).exists()
    row = north_row(conference, later(conference, 0).date())
    assert (row.entitled, row.elected, row.alternates_seated, row.held, row.stood_down) == (
        2,
        0,
        1,
        1,
        3,
    )
    assert [(e.name, e.seated, e.alternate_for, e.taken_by, e.seat_empty) for e in row.entries] == [
        ("North 1", False, "", "North 3", False),
        ("North 2", False, "", "North 4", False),
        ("North 3", False, "North 1", "", True),
        ("North 4", True, "North 2", "", False),
    ]


def test_the_report_lists_the_alternates_in_line_and_whose_seat_they_took(
    credentials, conference, north
):
    assert [(a.place, a.name, a.state) for a in north_row(conference).alternates] == [
        (1, "North 3", "waiting"),
        (2, "North 4", "waiting"),
    ]
    stand_down(north[1], credentials["North 2"])
    today = after_delegates(conference).date()
    assert [(a.name, a.state, a.seat_of) for a in north_row(conference, today).alternates] == [
        ("North 3", "seated", "North 2"),
        ("North 4", "waiting", ""),
    ]


def test_an_alternate_elected_a_delegate_too_is_passed_over(tree, secretary, make_member):
    members = [make_member(tree["north"], name=f"North {n}") for n in range(1, 7)]
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], members[:2])
    seat_alternates(conference, tree["north"], [members[1], members[2]])
    credentials = issued(conference)
    given_up = stand_down(members[0], credentials["North 1"])
    assert given_up.taken_by.term.member == members[2]


def test_an_officer_of_the_unit_stands_a_delegate_down_for_them(
    credentials, north, north_secretary
):
    given_up = stand_down(north_secretary, credentials["North 1"], reason="In hospital")
    assert (given_up.status, given_up.stood_down_by) == ("stood-down", north_secretary)
    assert given_up.taken_by.term.member == north[2]


def test_a_fellow_delegate_or_an_alternate_may_not_stand_a_delegate_down(credentials, north):
    for member in (north[1], north[2], north[4]):
        with pytest.raises(NotPermitted):
            stand_down(member, credentials["North 1"])
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"
    assert Credential.objects.count() == 3


def test_a_delegate_is_stood_down_in_ones_own_name(credentials, north):
    with pytest.raises(NotPermitted):
        services.delegate_stand_down(
            person=north[0].person,
            member=north[1],
            credential=credentials["North 1"],
            reason="Taken ill",
            now=after_delegates(credentials["North 1"].conference),
        )
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"


def test_standing_down_needs_a_reason_of_at_most_500_characters(credentials, north):
    for reason in ("  ", "x" * 501):
        with pytest.raises(InvalidInput):
            stand_down(north[0], credentials["North 1"], reason=reason)
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"


def test_standing_down_twice_is_refused_and_seats_nobody_else(credentials, north):
    stale = Credential.objects.get(pk=credentials["North 1"].pk)
    stand_down(north[0], credentials["North 1"])
    with pytest.raises(AlreadyDone):
        stand_down(north[0], stale)
    assert Credential.objects.filter(alternate_for__isnull=False).count() == 1
    assert RecordEntry.objects.filter(action="conference.delegate_stood_down").count() == 1


def test_no_delegate_stands_down_once_the_conference_has_closed(credentials, conference, north):
    with pytest.raises(OutsideWindow):
        stand_down(north[0], credentials["North 1"], now=at(conference.closes_on + DAY))
    assert Credential.objects.get(pk=credentials["North 1"].pk).status == "pending"


def test_a_delegate_stands_down_on_the_last_day(credentials, conference, north):
    given_up = stand_down(north[0], credentials["North 1"], now=at(conference.closes_on))
    assert given_up.status == "stood-down"


def test_a_credential_given_up_is_neither_reviewed_nor_challenged(
    tree, make_member, secretary, conference, credentials, north
):
    chair = make_member(tree["south"], name="Credentials Chair")
    credentials_committee(secretary, conference, [chair])
    given_up = stand_down(north[0], credentials["North 1"])
    with pytest.raises(AlreadyDone):
        review(chair, given_up)
    with pytest.raises(AlreadyDone):
        challenge(secretary, given_up)


def test_an_alternate_in_a_seat_is_a_delegate_who_may_challenge_and_stand_down(
    credentials, conference, north
):
    assert not may_challenge_credentials(north[2].person, conference)
    taken = stand_down(north[0], credentials["North 1"]).taken_by
    assert may_challenge_credentials(north[2].person, conference)
    again = stand_down(north[2], taken, reason="Called away")
    assert again.taken_by.term.member == north[3]
    assert not may_challenge_credentials(north[2].person, conference)


# The order in which alternates step up


def _declared(office, members, elected):
    """A declared election to `office` whose count elected `elected` in that order, the
    terms recorded in the order of `members` (as no real count would)."""
    now = at(datetime.date(2026, 1, 1))
    election = Election.objects.create(
        office=office,
        kind="regular",
        seats=len(elected),
        method="scottish-stv",
        nominations_open_at=now,
        nominations_close_at=now,
        voting_opens_at=now,
        voting_closes_at=now,
        status="declared",
    )
    candidates = {
        member.pk: Candidate.objects.create(election=election, member=member, nominated_by=member)
        for member in members
    }
    election.result = {"elected_ids": [candidates[member.pk].pk for member in elected]}
    election.save(update_fields=["result"])
    today = datetime.date.today()
    for member in members:
        Term.objects.create(
            office=office,
            member=member,
            election=election,
            began_on=today,
            due_on=today + 365 * DAY,
        )


def test_alternates_step_up_in_the_order_the_count_elected_them(tree, secretary, make_member):
    members = [make_member(tree["north"], name=f"North {n}") for n in range(1, 7)]
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], members[:2])
    delegation = Delegation.objects.get(conference=conference, unit=tree["north"])
    _declared(delegation.alternates, [members[2], members[3]], elected=[members[3], members[2]])
    assert [a.name for a in selectors.alternates_of(delegation)] == ["North 4", "North 3"]
    credentials = issued(conference)
    assert stand_down(members[0], credentials["North 1"]).taken_by.term.member == members[3]


# Two stand-downs at once


@pytest.mark.django_db(transaction=True)
def test_two_delegates_standing_down_at_once_seat_one_alternate_each_never_more(
    tree, secretary, make_member
):
    members = [make_member(tree["north"], name=f"North {n}") for n in range(1, 7)]
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], members[:2])
    seat_alternates(conference, tree["north"], members[2:3])
    credentials = issued(conference)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def worker(member, credential):
        try:
            start.wait()
            stand_down(member, credential)
        except BaseException as error:  # every error is the test's failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(members[0], credentials["North 1"])),
        threading.Thread(target=worker, args=(members[1], credentials["North 2"])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    taken = Credential.objects.filter(alternate_for__isnull=False)
    assert [c.term.member for c in taken] == [members[2]]
    row = north_row(conference, after_delegates(conference).date())
    assert (row.held, row.stood_down) == (1, 2)
