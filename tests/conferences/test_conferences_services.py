"""A conference is called with its timetable in order; at the membership freeze the scheduler
fixes each branch's delegates from its members in good standing, by the rulebook's rule, and
puts the table with its arithmetic on the open record."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from newcourse.conferences import selectors, services
from newcourse.conferences.models import Conference, Delegation, Entitlement
from newcourse.elections import services as election_services
from newcourse.organisation import services as organisation_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import InvalidInput, NotPermitted, OutsideWindow

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rulebook_parameters():
    """One delegate per 3 members or part, at least 1: small enough to see the arithmetic."""
    return {"delegates.members_per_delegate": "3", "delegates.minimum": "1"}


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def register(tree, make_member):
    """North 4 members, South 7 (one of them in arrears), Far 0 besides the secretary."""
    north = [make_member(tree["north"]) for _ in range(4)]
    south = [make_member(tree["south"]) for _ in range(7)]
    organisation_services.member_set_standing(actor="t", member=south[0], standing="arrears")
    return north, south


def dates(start: datetime.date) -> dict[str, datetime.date]:
    return {name: start + n * 7 * DAY for n, (name, _label) in enumerate(selectors.DEADLINES)}


def call(secretary, tree, *, start=None, **extra):
    return services.conference_call(
        person=secretary.person,
        member=secretary,
        body=tree["international"],
        title="Congress 2027",
        dates=dates(start or timezone.localdate()),
        **extra,
    )


def test_calling_a_conference_records_its_timetable(tree, secretary):
    conference = call(secretary, tree)
    entry = RecordEntry.objects.get(action="conference.called")
    assert entry.payload["freeze_on"] == conference.freeze_on.isoformat()
    assert entry.payload["rulebook_version"] == 1


def test_a_member_who_is_not_an_officer_cannot_call_one(tree, register):
    member = register[0][0]
    with pytest.raises(NotPermitted):
        call(member, tree)


def test_a_timetable_out_of_order_is_refused_and_nothing_called(tree, secretary):
    wrong = dates(timezone.localdate())
    wrong["motions_by"], wrong["amendments_by"] = wrong["amendments_by"], wrong["motions_by"]
    with pytest.raises(InvalidInput, match="runs in order"):
        services.conference_call(
            person=secretary.person,
            member=secretary,
            body=tree["international"],
            title="Congress",
            dates=wrong,
        )
    assert not Conference.objects.exists()


def test_a_freeze_in_the_past_is_refused(tree, secretary):
    with pytest.raises(OutsideWindow):
        call(secretary, tree, start=timezone.localdate() - DAY)


def test_the_units_are_the_bodies_with_none_below_or_the_level_named(tree, secretary):
    assert [b.slug for b in selectors.units_of(call(secretary, tree))] == ["north", "south", "far"]
    regions = call(secretary, tree, unit_kind="region")
    assert [b.slug for b in selectors.units_of(regions)] == ["region"]


def test_before_the_freeze_the_table_is_the_register_today_and_not_fixed(tree, secretary, register):
    table = selectors.entitlement_table(call(secretary, tree, start=timezone.localdate() + DAY))
    assert not table.fixed
    assert [(r.unit.slug, r.members, r.seats) for r in table.rows] == [
        ("north", 4, 2),
        ("south", 6, 2),
        ("far", 1, 1),
    ]
    assert not Entitlement.objects.exists()


def test_at_the_freeze_the_scheduler_fixes_the_entitlement_once_on_the_record(
    tree, secretary, register
):
    conference = call(secretary, tree)
    assert services.conferences_tick() == []
    assert services.entitlement_fix(conference=conference) is False  # already fixed
    table = selectors.entitlement_table(Conference.objects.get(pk=conference.pk))
    assert table.fixed and (table.total, table.rulebook_version) == (5, 1)
    assert table.rows[0].arithmetic == "4 / 3, up 2 → 2"
    entry = RecordEntry.objects.get(action="conference.entitlement_fixed")
    assert entry.payload["delegates"] == {"north": [4, 2], "south": [6, 2], "far": [1, 1]}
    assert entry.payload["rule"] == {
        "method": "per-members",
        "per": 3,
        "rounding": "up",
        "minimum": 1,
    }


def test_members_joining_after_the_freeze_change_nothing(tree, secretary, register, make_member):
    conference = call(secretary, tree)
    services.conferences_tick()
    make_member(tree["north"])
    table = selectors.entitlement_table(Conference.objects.get(pk=conference.pk))
    assert table.rows[0].members == 4


def test_at_the_freeze_each_entitled_unit_gets_its_delegation_elected_by_the_deadline(
    tree, secretary, register
):
    conference = call(secretary, tree)
    election_services.elections_tick()
    delegations = {d.unit.slug: d.office for d in Delegation.objects.select_related("office")}
    assert {slug: office.seats for slug, office in delegations.items()} == {
        "north": 2,
        "south": 2,
        "far": 1,
    }
    assert {office.kind for office in delegations.values()} == {"delegation"}
    election = delegations["north"].elections.get()
    closes = timezone.localtime(election.voting_closes_at)
    assert (closes.date(), closes.hour) == (conference.delegates_by + DAY, 0)
    assert election.nominations_open_at < election.nominations_close_at < closes


def test_the_alternates_are_elected_beside_the_delegation_by_the_same_date(
    tree, secretary, register
):
    conference = call(secretary, tree)
    election_services.elections_tick()
    north = Delegation.objects.select_related("office", "alternates").get(unit=tree["north"])
    alternates = north.alternates
    assert (alternates.kind, alternates.seats, alternates.title) == (
        "delegation",
        north.office.seats,
        "Alternates to Congress 2027",
    )
    election = alternates.elections.get()
    closes = timezone.localtime(election.voting_closes_at)
    assert (closes.date(), closes.hour, election.seats) == (conference.delegates_by + DAY, 0, 2)


def test_a_timetable_leaving_no_time_to_elect_delegates_is_refused(tree, secretary):
    short = dates(timezone.localdate())
    short["delegates_by"] = short["freeze_on"] + DAY
    with pytest.raises(InvalidInput, match="7 days for voting"):
        services.conference_call(
            person=secretary.person,
            member=secretary,
            body=tree["international"],
            title="Congress",
            dates=short,
        )


def test_two_conferences_with_long_alike_titles_both_get_their_delegations(
    tree, secretary, register
):
    title = "International Congress of the Union " * 5
    for suffix in ("A", "B"):
        services.conference_call(
            person=secretary.person,
            member=secretary,
            body=tree["international"],
            title=f"{title.strip()} {suffix}"[:200],
            dates=dates(timezone.localdate()),
        )
    assert services.conferences_tick() == []
    assert Delegation.objects.filter(unit=tree["north"]).count() == 2


def test_a_late_tick_counts_no_one_who_joined_after_the_freeze(
    tree, secretary, register, make_member
):
    conference = services.conference_call(
        person=secretary.person,
        member=secretary,
        body=tree["international"],
        title="Congress",
        dates=dates(timezone.localdate()),
        now=timezone.now(),
    )
    make_member(tree["north"], joined_on=timezone.localdate() + DAY)
    services.conferences_tick(now=timezone.now() + 2 * DAY)
    table = selectors.entitlement_table(Conference.objects.get(pk=conference.pk))
    assert table.rows[0].members == 4


def test_no_election_fills_a_delegation_after_the_date_for_delegates(tree, secretary, register):
    conference = call(secretary, tree)
    services.conferences_tick()
    later = timezone.now() + (conference.delegates_by - timezone.localdate() + DAY)
    tick = election_services.elections_tick(now=later)
    offices = {
        office
        for pair in Delegation.objects.values_list("office_id", "alternates_id")
        for office in pair
    }
    assert not [e for e in tick.touched if e.office_id in offices]
