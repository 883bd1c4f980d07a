"""The pages of a unit's instructions: its officers give them on a page listing the items going
forward; its delegates read them there, on the conference page and on their card; another
unit's officers are told the page does not exist; a refusal keeps what was typed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.conferences.amending import branch_secretary, motion
from tests.conferences.credentialing import credentials_committee, issued, seat
from tests.conferences.mandating import RULEBOOK, instruct, rule
from tests.conferences.steps import committee, fixed

from newcourse.conferences.models import Delegation, Instruction

FREE = {**RULEBOOK, "delegates.mandate": "free"}


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def conference(tree, secretary, north_secretary, south_secretary):
    return fixed(secretary, tree["international"])


@pytest.fixture
def north_motion(tree, make_member, secretary, conference, north_secretary):
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    submitted = motion(north_secretary, conference, tree["north"])
    rule(chair, conference, motion=submitted)
    return submitted


@pytest.fixture
def north(tree, conference):
    return Delegation.objects.select_related("conference", "unit").get(
        conference=conference, unit=tree["north"]
    )


@pytest.fixture
def delegate(tree, make_member, conference):
    member = make_member(tree["north"], name="North Delegate")
    seat(conference, tree["north"], [member])
    return member


def url(conference, slug="north"):
    return reverse("conference_instructions", kwargs={"pk": conference.pk, "slug": slug})


def meeting(**fields):
    return {
        "vote": "against",
        "meeting_on": timezone.localdate().isoformat(),
        "votes_for": "5",
        "votes_against": "1",
        "votes_abstain": "0",
        **fields,
    }


def test_the_officers_record_an_instruction_from_the_page(
    client, conference, north_secretary, north_motion
):
    client.force_login(north_secretary.person)
    page = client.get(url(conference), {"item": f"motion:{north_motion.pk}"})
    assert page.status_code == 200
    assert "Record an instruction" in page.content.decode()

    response = client.post(url(conference), meeting(item=f"motion:{north_motion.pk}"))

    assert (response.status_code, response["Location"]) == (302, url(conference))
    assert list(Instruction.objects.values_list("vote", "motion")) == [("against", north_motion.pk)]
    shown = client.get(url(conference)).content.decode()
    assert "<strong>against</strong>" in shown
    assert "5 for, 1 against, 0 abstaining" in shown


def test_a_refused_instruction_keeps_what_was_typed(
    client, conference, north_secretary, north_motion
):
    client.force_login(north_secretary.person)

    response = client.post(
        url(conference), meeting(item=f"motion:{north_motion.pk}", votes_for="1", votes_against="0")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The meeting was not quorate" in page
    assert re.search(r'value="against"[^>]*checked', page)
    assert 'name="votes_for" value="1"' in page
    assert Instruction.objects.count() == 0


def test_the_delegate_reads_the_instructions_but_gives_none(
    client, conference, north, north_secretary, north_motion, delegate
):
    instruct(north_secretary, north, "abstain", motion=north_motion)
    client.force_login(delegate.person)

    own_page = client.get(url(conference)).content.decode()
    conference_page = client.get(conference.get_absolute_url()).content.decode()
    refused = client.post(url(conference), meeting(item=f"motion:{north_motion.pk}"))

    assert "<strong>abstain</strong>" in own_page
    assert "Record an instruction" not in own_page
    assert "My delegation's instructions" in conference_page
    assert "<strong>abstain</strong>" in conference_page
    assert "Only the officers of North instruct its delegation" in refused.content.decode()
    assert Instruction.objects.count() == 1


def test_another_units_officers_do_not_see_the_instructions(
    client, conference, north, north_secretary, south_secretary, north_motion
):
    instruct(north_secretary, north, "for", motion=north_motion)
    client.force_login(south_secretary.person)

    assert client.get(url(conference)).status_code == 404
    posted = client.post(url(conference), meeting(item=f"motion:{north_motion.pk}"))
    assert posted.status_code == 404
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "<h3>South</h3>" in page  # its own delegation's, with no instruction yet
    assert "<h3>North</h3>" not in page
    assert "<strong>for</strong>" not in page
    assert "Delegates are mandated (rule 5.5 of the rulebook, version 1)" in page


def test_a_unit_that_sends_no_delegation_has_no_instructions_page(client, conference, secretary):
    client.force_login(secretary.person)

    assert client.get(url(conference, slug="region")).status_code == 404


@pytest.mark.parametrize("rulebook_parameters", [FREE])
def test_free_delegates_have_no_form_and_a_posted_instruction_is_refused_citing_the_rule(
    client, conference, north_secretary, north_motion
):
    client.force_login(north_secretary.person)

    page = client.get(url(conference)).content.decode()
    refused = client.post(url(conference), meeting(item=f"motion:{north_motion.pk}"))

    assert "Delegates are free (rule 5.5 of the rulebook, version 1)" in page
    assert "Record an instruction" not in page
    assert "they are not bound by instructions, so none is recorded" in refused.content.decode()
    assert Instruction.objects.count() == 0


def test_the_card_shows_its_delegate_the_instructions_and_not_the_committee(
    client, tree, secretary, make_member, conference, north, north_secretary, north_motion, delegate
):
    instruct(north_secretary, north, "for", motion=north_motion)
    reviewer = make_member(tree["far"], name="Credentials Reviewer")
    credentials_committee(secretary, conference, [reviewer])
    card = issued(conference)["North Delegate"].get_absolute_url()

    client.force_login(delegate.person)
    own = client.get(card).content.decode()
    client.force_login(reviewer.person)
    committee_view = client.get(card).content.decode()

    assert "My delegation's instructions" in own
    assert "<strong>for</strong>" in own
    assert "My delegation's instructions" not in committee_view
