"""The bodies a person submits motions and amendments for: those sending to the conference
(its own body and its units) in which the person holds an office with powers. A delegation's
instructions: read by its unit's officers and its delegates, by nobody else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from tests.conferences.amending import RULEBOOK, branch_secretary, motion
from tests.conferences.credentialing import seat
from tests.conferences.steps import call, committee, fixed

from newcourse.conferences import services
from newcourse.conferences.access import (
    access_composite_for_person,
    access_instructions_for_person,
    bodies_amending_for,
    bodies_submitting_for,
    delegations_instructed_for,
)
from newcourse.refusals import AccessDenied


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def conference(tree, officer_of):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    return call(secretary, tree["international"], unit_kind="Branch")


def test_nobody_signed_in_submits_for_any_body(conference):
    assert bodies_submitting_for(AnonymousUser(), conference) == []


def test_a_member_holding_no_office_submits_for_no_body(tree, conference, make_member):
    assert bodies_submitting_for(make_member(tree["north"]).person, conference) == []


def test_a_branch_secretary_submits_for_the_branch(tree, conference, make_member):
    secretary = branch_secretary(tree["north"], make_member)
    assert bodies_submitting_for(secretary.person, conference) == [tree["north"]]


def test_an_officer_of_a_body_that_sends_no_delegates_submits_for_none(
    tree, conference, officer_of
):
    regional = officer_of(tree["region"], branch=tree["north"])
    assert bodies_submitting_for(regional.person, conference) == []


def test_an_officer_without_powers_submits_for_no_body(tree, conference, officer_of):
    teller = officer_of(tree["north"], title="Teller", kind="tellers", powers=[])
    assert bodies_submitting_for(teller.person, conference) == []


def test_a_body_does_not_amend_its_own_motion(tree, conference, make_member):
    north = branch_secretary(tree["north"], make_member)
    south = branch_secretary(tree["south"], make_member)
    north_motion = motion(north, conference, tree["north"])
    assert bodies_amending_for(north.person, north_motion) == []
    assert bodies_amending_for(south.person, north_motion) == [tree["south"]]


def test_a_hidden_composite_is_refused_in_the_same_words_as_a_missing_one(
    tree, officer_of, make_member
):
    section_secretary = officer_of(tree["section"], branch=tree["north"])
    hidden = call(section_secretary, tree["section"], unit_kind="Branch", title="Section")
    chair = make_member(tree["north"], name="Committee Chair")
    committee(section_secretary, hidden, [chair])
    motions = [
        motion(branch_secretary(tree[name], make_member), hidden, tree[name])
        for name in ("north", "south")
    ]
    composite = services.composite_draft(
        person=chair.person,
        member=chair,
        conference=hidden,
        motions=motions,
        title="Pay",
        text="Conference notes the cost of living.",
    )
    outsider = make_member(tree["far"]).person
    answers = []
    for pk in (composite.pk, composite.pk + 1000):
        with pytest.raises(AccessDenied) as refused:
            access_composite_for_person(person=outsider, pk=pk)
        answers.append(refused.value.message)
    assert answers[0] == answers[1] == "There is no such composite, or you may not see it."
    assert access_composite_for_person(person=chair.person, pk=composite.pk) == composite


# A delegation's instructions.


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def delegations(tree, officer_of, north_secretary):
    """A conference whose delegations are fixed: North's ten members send one delegate."""
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    return fixed(secretary, tree["international"])


def readers(conference, person):
    """The units whose instructions `person` reads: through the page's access check, and as the
    conference page lists them."""
    through_access = []
    for slug in ("north", "south", "far", "region"):
        try:
            access_instructions_for_person(person=person, conference=conference, slug=slug)
        except AccessDenied:
            continue
        through_access.append(slug)
    listed = [d.unit.slug for d in delegations_instructed_for(person, conference)]
    return through_access, listed


def test_nobody_signed_in_reads_a_delegations_instructions(delegations):
    assert readers(delegations, AnonymousUser()) == ([], [])


def test_the_units_officer_reads_its_instructions_and_no_other_units(delegations, north_secretary):
    assert readers(delegations, north_secretary.person) == (["north"], ["north"])


def test_a_delegate_reads_their_delegations_instructions(tree, delegations, make_member):
    delegate = make_member(tree["north"])
    seat(delegations, tree["north"], [delegate])

    assert readers(delegations, delegate.person) == (["north"], ["north"])


def test_a_member_of_the_unit_who_is_neither_reads_none(tree, delegations, make_member):
    assert readers(delegations, make_member(tree["north"]).person) == ([], [])


def test_an_officer_without_powers_reads_none(tree, delegations, officer_of):
    teller = officer_of(tree["north"], title="Teller", kind="tellers", powers=[])
    assert readers(delegations, teller.person) == ([], [])


def test_an_inactive_officer_reads_none(delegations, north_secretary):
    person = north_secretary.person
    person.is_active = False
    person.save(update_fields=["is_active"])

    assert readers(delegations, person) == ([], [])
