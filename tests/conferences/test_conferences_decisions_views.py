"""The pages of conference's decisions: the committee enters a decision from the agenda while
conference sits, the agenda and the motion show it; an officer starts a rule change from the
rules as they stand, and the motion's page shows what it changes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.conferences import deciding
from tests.conferences.amending import RULEBOOK, amend, branch_secretary, motion

from newcourse.conferences import services
from newcourse.conferences.models import Conference, Decision, Motion
from newcourse.conferences.services.agenda import Entry
from newcourse.rules.selectors import latest_version


@pytest.fixture
def rulebook_parameters():
    return {**RULEBOOK, "rule_change.notice_days": "28", "motions.max_words": "60"}


@pytest.fixture
def north(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def on_the_agenda(tree, conference, chair, north, make_member):
    """North's motion, amended by South, admissible and on the published agenda; then the
    conference's days moved so that it sits today."""
    first = motion(north, conference, tree["north"])
    south = branch_secretary(tree["south"], make_member)
    amend(south, first, tree["south"])
    services.ruling_make(
        person=chair.person,
        member=chair,
        conference=conference,
        kind="admissible",
        reason="In order.",
        motion=first,
    )
    services.agenda_publish(
        person=chair.person,
        member=chair,
        conference=conference,
        entries=[Entry(kind="motion", minutes=20, motion=first)],
    )
    today = timezone.localdate()
    Conference.objects.filter(pk=conference.pk).update(
        opens_on=today, closes_on=today + datetime.timedelta(days=1)
    )
    return first


def test_the_committee_enters_a_decision_from_the_agenda_and_everyone_reads_it(
    client, chair, conference, on_the_agenda, make_member, tree
):
    client.force_login(chair.person)
    agenda = reverse("conference_agenda", args=[conference.pk])
    url = reverse("decision_record", args=[conference.pk, 1])
    assert url in client.get(agenda).content.decode()
    amendment = on_the_agenda.amendments.get()
    response = client.post(
        url,
        {"votes_for": 50, "votes_against": 20, "votes_abstain": 3, "amendments": [amendment.pk]},
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.amendments.all()) == [amendment]
    client.force_login(make_member(tree["north"]).person)
    page = client.get(agenda).content.decode()
    assert "50 for, 20 against, 3 abstentions" in page
    assert url not in page
    motion_page = client.get(on_the_agenda.get_absolute_url()).content.decode()
    assert f"as amended by {amendment}" in motion_page


def test_bad_figures_are_answered_on_the_form_and_nothing_is_entered(
    client, chair, conference, on_the_agenda
):
    client.force_login(chair.person)
    url = reverse("decision_record", args=[conference.pk, 1])
    response = client.post(url, {"votes_for": -1, "votes_against": "many"})
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_a_member_not_on_the_committee_finds_no_decision_form(
    client, conference, on_the_agenda, north
):
    client.force_login(north.person)
    assert client.get(reverse("decision_record", args=[conference.pk, 1])).status_code == 404


def test_a_rule_change_starts_from_the_rules_as_they_stand_and_shows_its_changes(
    client, conference, north, tree
):
    client.force_login(north.person)
    url = reverse("motion_submit", args=[conference.pk])
    assert "?rules=1" in client.get(url).content.decode()
    latest = latest_version(tree["international"])
    form = client.get(url + "?rules=1").context["form"]
    assert form.initial["text"] == latest.text
    text = latest.text.replace("{motions.max_words = 60}", "{motions.max_words = 70}")
    response = client.post(
        url,
        {
            "body": tree["north"].pk,
            "title": "Longer motions",
            "text": text,
            "meeting_on": timezone.localdate().isoformat(),
            "votes_for": 5,
            "votes_against": 1,
            "votes_abstain": 0,
            "amends_version": latest.number,
        },
    )
    change = Motion.objects.get()
    assert response.status_code == 302
    assert change.amends == latest
    page = client.get(change.get_absolute_url()).content.decode()
    assert "motions.max_words" in page
    assert "Rule change" in page


def test_the_papers_print_a_rule_change_as_its_changes_not_the_whole_rules(
    client, conference, chair, north, tree
):
    change = deciding.rule_change(north, conference, tree["north"], **{"motions.max_words": "70"})
    deciding.on_the_agenda(chair, conference, change)
    client.force_login(north.person)
    page = client.get(reverse("conference_papers", args=[conference.pk])).content.decode()
    assert "A rule change to version 1 of the rules" in page
    assert page.count('class="diff-line"') == 2  # one line out, one line in


def test_the_rules_pages_credit_a_version_to_the_rule_change_conference_carried(
    client, conference, chair, north, tree
):
    change = deciding.rule_change(north, conference, tree["north"], **{"motions.max_words": "70"})
    deciding.carried(chair, conference, change)
    client.force_login(north.person)
    body = tree["international"]
    for url in (reverse("rules", args=[body.slug]), reverse("rules_version", args=[body.slug, 2])):
        page = client.get(url).content.decode()
        assert f'href="{change.get_absolute_url()}"' in page
        assert "by a rule change conference carried" in page
