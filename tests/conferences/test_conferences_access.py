"""The bodies a person submits motions and amendments for: those sending to the conference
(its own body and its units) in which the person holds an office with powers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from tests.conferences.amending import RULEBOOK, branch_secretary, motion
from tests.conferences.steps import call

from newcourse.conferences.access import bodies_amending_for, bodies_submitting_for


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
