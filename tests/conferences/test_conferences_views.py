"""The conference's pages: its timetable and delegate table, open to whoever sees its body; the
body page lists the conferences it sends delegates to; the call form, for the body's officers,
refuses a bad timetable with a message and calls nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.conferences.steps import DAY, call, dates, fixed

from newcourse.conferences.models import Conference


@pytest.fixture
def rulebook_parameters():
    return {"delegates.members_per_delegate": "3", "delegates.minimum": "1"}


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    """Four members of North."""
    return [make_member(tree["north"]) for _ in range(4)]


def form_data(start, title="Congress 2027", unit_kind=""):
    data = {name: day.isoformat() for name, day in dates(start).items()}
    return {**data, "title": title, "unit_kind": unit_kind}


def test_the_conference_page_shows_the_fixed_table_with_its_arithmetic(
    client, tree, secretary, north
):
    conference = fixed(secretary, tree["international"])
    client.force_login(north[0].person)
    page = client.get(reverse("conference", args=[conference.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "4 / 3, up 2 → 2" in html
    assert f"Fixed at the membership freeze on {conference.freeze_on:%Y-%m-%d}" in html
    assert "by rulebook version 1: one delegate per 3 members, or part thereof" in html
    assert '<div class="table-wrap"><table>' in html


def test_before_the_freeze_the_page_says_the_table_is_the_register_today(
    client, tree, secretary, north
):
    conference = call(secretary, tree["international"], start=timezone.localdate() + DAY)
    client.force_login(north[0].person)
    html = client.get(reverse("conference", args=[conference.pk])).content.decode()
    assert "As the register stands today" in html
    assert '<span class="badge">next</span>' in html


def test_a_conference_of_a_body_not_open_to_the_reader_is_not_found(
    client, tree, officer_of, make_member
):
    section_secretary = officer_of(tree["section"])
    conference = call(section_secretary, tree["section"])
    outsider = make_member(tree["far"])
    client.force_login(outsider.person)
    assert client.get(reverse("conference", args=[conference.pk])).status_code == 404
    assert client.get(reverse("conference", args=[conference.pk + 1])).status_code == 404


def test_the_conference_page_takes_no_post(client, tree, secretary):
    conference = call(secretary, tree["international"])
    client.force_login(secretary.person)
    assert client.post(reverse("conference", args=[conference.pk])).status_code == 405


def test_a_branch_page_lists_the_conferences_above_it_without_the_call_button(
    client, tree, secretary, north
):
    call(secretary, tree["international"])
    client.force_login(north[0].person)
    html = client.get(reverse("body", args=["north"])).content.decode()
    assert "Congress 2027" in html
    assert reverse("conference_call", args=["north"]) not in html


def test_the_officer_sees_the_call_button_on_their_body_page(client, tree, secretary):
    client.force_login(secretary.person)
    html = client.get(reverse("body", args=["international"])).content.decode()
    assert reverse("conference_call", args=["international"]) in html
    assert "No conference called yet." in html


def test_the_call_form_suggests_a_freeze_a_week_ahead(client, tree, secretary):
    client.force_login(secretary.person)
    html = client.get(reverse("conference_call", args=["international"])).content.decode()
    freeze = timezone.localdate() + 7 * DAY
    assert f'type="date" name="freeze_on" value="{freeze:%Y-%m-%d}"' in html
    assert not Conference.objects.exists()


def test_the_officer_calls_a_conference_and_lands_on_its_page(client, tree, secretary):
    client.force_login(secretary.person)
    response = client.post(
        reverse("conference_call", args=["international"]),
        form_data(timezone.localdate(), unit_kind="Branch"),
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conference", args=[conference.pk])
    assert (conference.title, conference.unit_kind) == ("Congress 2027", "Branch")


def test_a_freeze_in_the_past_is_a_form_error_and_nothing_is_called(client, tree, secretary):
    client.force_login(secretary.person)
    response = client.post(
        reverse("conference_call", args=["international"]),
        form_data(timezone.localdate() - DAY),
    )
    assert response.status_code == 200
    assert "The membership freeze cannot be in the past." in response.content.decode()
    assert not Conference.objects.exists()


def test_a_member_who_is_not_an_officer_finds_no_call_form(client, tree, north):
    client.force_login(north[0].person)
    url = reverse("conference_call", args=["international"])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(timezone.localdate())).status_code == 404
    assert not Conference.objects.exists()


def test_the_conference_page_speaks_french(client, tree, secretary, north):
    conference = fixed(secretary, tree["international"])
    client.force_login(north[0].person)
    page = client.get(reverse("conference", args=[conference.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    assert "<dt>Arrêt des effectifs</dt>" in html
    assert "un·e délégué·e pour 3 membres, toute tranche entamée comptant, au moins 1" in html


def test_the_conference_page_lists_each_delegation_with_its_seats_and_elected(
    client, tree, secretary, north
):
    conference = fixed(secretary, tree["international"])
    client.force_login(north[0].person)
    page = client.get(reverse("conference", args=[conference.pk]))
    (north_delegation, filled, alternates) = page.context["delegations"][0]
    assert (north_delegation.unit.slug, north_delegation.office.seats, filled) == ("north", 2, 0)
    assert alternates == []
    assert north_delegation.office.title == "Delegation to Congress 2027"
    assert north_delegation.office.get_absolute_url() in page.content.decode()
