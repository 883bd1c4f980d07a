"""A conference's standing orders and credentials committees are committees its body elects,
named to their role once, before the conference opens, by the officers who called it; the
members elected to the office act for the committee while their terms run."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.steps import call, committee

from newcourse.conferences import services
from newcourse.conferences.access import may_act_for_committee
from newcourse.offices import services as office_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotPermitted, OutsideWindow


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def conference(tree, secretary):
    return call(secretary, tree["international"])


@pytest.fixture
def chair(tree, make_member):
    return make_member(tree["north"], name="Committee Chair")


def test_a_committee_of_the_body_named_to_a_role_is_recorded(secretary, conference, chair):
    named = committee(secretary, conference, [chair])
    entry = RecordEntry.objects.get(action="conference.committee_named")
    assert (entry.payload["role"], entry.payload["office"]) == ("standing-orders", named.office_id)


def test_the_committees_elected_members_act_for_it_and_nobody_else(
    secretary, conference, chair, make_member, tree
):
    committee(secretary, conference, [chair])
    outsider = make_member(tree["north"], name="Outsider")
    assert may_act_for_committee(chair.person, conference, "standing-orders") is True
    assert may_act_for_committee(outsider.person, conference, "standing-orders") is False
    assert may_act_for_committee(secretary.person, conference, "standing-orders") is False
    assert may_act_for_committee(chair.person, conference, "credentials") is False


def test_a_role_is_named_once(secretary, conference, chair):
    committee(secretary, conference, [chair])
    with pytest.raises(AlreadyDone):
        committee(secretary, conference, [chair], title="Another committee")


def test_a_post_or_another_bodys_committee_is_refused(secretary, conference, tree):
    post = office_services.office_create(actor="t", body=tree["international"], title="Chair")
    other = office_services.office_create(
        actor="t", body=tree["north"], title="North committee", kind="committee"
    )
    for office in (post, other):
        with pytest.raises(InvalidInput):
            services.committee_name(
                person=secretary.person,
                member=secretary,
                conference=conference,
                role="standing-orders",
                office=office,
            )


def test_an_unknown_role_is_refused(secretary, conference, tree):
    office = office_services.office_create(
        actor="t", body=tree["international"], title="Committee", kind="committee"
    )
    with pytest.raises(InvalidInput):
        services.committee_name(
            person=secretary.person,
            member=secretary,
            conference=conference,
            role="arrangements",
            office=office,
        )


def test_only_the_officers_who_call_the_conference_name_its_committees(conference, chair, tree):
    office = office_services.office_create(
        actor="t", body=tree["international"], title="Committee", kind="committee"
    )
    with pytest.raises(NotPermitted):
        services.committee_name(
            person=chair.person,
            member=chair,
            conference=conference,
            role="standing-orders",
            office=office,
        )
    assert not RecordEntry.objects.filter(action="conference.committee_named").exists()


def test_committees_are_named_before_the_conference_opens(secretary, conference, chair):
    office = office_services.office_create(
        actor="t", body=conference.body, title="Committee", kind="committee"
    )
    with pytest.raises(OutsideWindow):
        services.committee_name(
            person=secretary.person,
            member=secretary,
            conference=conference,
            role="standing-orders",
            office=office,
            now=_at(conference.opens_on),
        )


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
