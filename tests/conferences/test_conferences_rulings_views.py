"""The standing orders committee's pages: the conference page lists its committees, rulings and
composites and where each motion stands; the committee's members find the forms that rule and
composite; a composite's page credits each line to its motion, and each mover's officers answer
there with a button."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.conferences.amending import RULEBOOK, branch_secretary, motion
from tests.conferences.steps import call, committee

from newcourse.conferences import services
from newcourse.conferences.models import Committee, Composite, Consent, Ruling
from newcourse.offices import services as office_services

SOUTH_TEXT = "Conference notes rents doubled.\n\nConference resolves to fight for rent controls."
COMPOSITE = (
    "Conference notes the cost of living.\n\nConference notes rents doubled.\n\n"
    "Conference instructs the executive to report back."
)


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def conference(tree, secretary):
    return call(secretary, tree["international"], unit_kind="Branch")


@pytest.fixture
def chair(tree, make_member, secretary, conference):
    member = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [member], title="Standing Orders Committee")
    return member


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def motions(tree, conference, north_secretary, south_secretary):
    return (
        motion(north_secretary, conference, tree["north"]),
        motion(south_secretary, conference, tree["south"], text=SOUTH_TEXT),
    )


@pytest.fixture
def composite(chair, conference, motions):
    return services.composite_draft(
        person=chair.person,
        member=chair,
        conference=conference,
        motions=list(motions),
        title="Pay and rent",
        text=COMPOSITE,
    )


def test_the_secretary_names_the_bodys_elected_committee(client, secretary, conference, tree):
    office = office_services.office_create(
        actor="t", body=tree["international"], title="Arrangements", kind="committee"
    )
    client.force_login(secretary.person)
    page = client.get(reverse("conference", args=[conference.pk]))
    assert reverse("committee_name", args=[conference.pk]) in page.content.decode()
    response = client.post(
        reverse("committee_name", args=[conference.pk]),
        {"role": "standing-orders", "office": office.pk},
    )
    assert response.status_code == 302
    assert Committee.objects.get(conference=conference).office == office


def test_a_role_named_twice_is_answered_on_the_form(client, secretary, conference, chair, tree):
    office = office_services.office_create(
        actor="t", body=tree["international"], title="Another", kind="committee"
    )
    client.force_login(secretary.person)
    response = client.post(
        reverse("committee_name", args=[conference.pk]),
        {"role": "standing-orders", "office": office.pk},
    )
    assert response.status_code == 200
    assert "already has its standing orders committee" in response.content.decode()
    assert Committee.objects.count() == 1


def test_a_member_outside_the_office_does_not_find_the_committee_forms(
    client, conference, chair, north_secretary
):
    client.force_login(north_secretary.person)
    for name in ("committee_name", "ruling_make", "composite_draft"):
        assert client.get(reverse(name, args=[conference.pk])).status_code == 404


def test_the_committee_rules_from_the_form_and_the_page_publishes_the_reason(
    client, chair, conference, motions
):
    client.force_login(chair.person)
    page = client.get(reverse("conference", args=[conference.pk]))
    assert reverse("ruling_make", args=[conference.pk]) in page.content.decode()
    response = client.post(
        reverse("ruling_make", args=[conference.pk]),
        {"item": f"motion:{motions[0].pk}", "kind": "out-of-order", "reason": "Not our business."},
    )
    assert response.status_code == 302
    html = client.get(reverse("conference", args=[conference.pk])).content.decode()
    assert "<strong>out of order</strong>" in html
    assert "Not our business." in html
    motion_page = client.get(reverse("motion", args=[motions[0].pk])).content.decode()
    assert "Not our business." in motion_page


def test_a_ruling_without_a_reason_is_answered_on_the_form_and_nothing_changes(
    client, chair, conference, motions
):
    client.force_login(chair.person)
    response = client.post(
        reverse("ruling_make", args=[conference.pk]),
        {"item": f"motion:{motions[0].pk}", "kind": "admissible", "reason": ""},
    )
    assert response.status_code == 200
    assert not Ruling.objects.exists()


def test_a_ruling_on_an_item_of_another_conference_is_refused_by_the_form(
    client, chair, conference, motions, secretary, tree
):
    other = call(secretary, tree["international"], title="Special conference")
    client.force_login(chair.person)
    committee(secretary, other, [chair], title="Special committee")
    response = client.post(
        reverse("ruling_make", args=[other.pk]),
        {"item": f"motion:{motions[0].pk}", "kind": "admissible", "reason": "Fine."},
    )
    assert response.status_code == 200
    assert not Ruling.objects.exists()


def test_the_committee_drafts_a_composite_whose_page_credits_each_line(
    client, chair, conference, motions
):
    client.force_login(chair.person)
    response = client.post(
        reverse("composite_draft", args=[conference.pk]),
        {"motions": [m.pk for m in motions], "title": "Pay and rent", "text": COMPOSITE},
    )
    composite = Composite.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("composite", args=[composite.pk])
    html = client.get(response.url).content.decode()
    first, second = motions
    assert f'<a href="/motions/{first.pk}/" title="From motion 1">M1</a>' in html
    assert f'<a href="/motions/{second.pk}/" title="From motion 2">M2</a>' in html
    assert html.count('<span class="line-origin"></span>') == 2  # the title, the committee's


def test_a_composite_of_one_motion_is_answered_on_the_form(client, chair, conference, motions):
    client.force_login(chair.person)
    response = client.post(
        reverse("composite_draft", args=[conference.pk]),
        {"motions": [motions[0].pk], "title": "Pay", "text": COMPOSITE},
    )
    assert response.status_code == 200
    assert "A composite joins two motions or more." in response.content.decode()
    assert not Composite.objects.exists()


def test_each_movers_officer_answers_with_a_button(
    client, composite, motions, north_secretary, south_secretary
):
    client.force_login(north_secretary.person)
    url = reverse("composite_answer", args=[composite.pk, motions[0].pk])
    assert url in client.get(composite.get_absolute_url()).content.decode()
    assert reverse("composite_answer", args=[composite.pk, motions[1].pk]) not in (
        client.get(composite.get_absolute_url()).content.decode()
    )
    client.post(url, {"answer": "consents"})
    client.force_login(south_secretary.person)
    client.post(
        reverse("composite_answer", args=[composite.pk, motions[1].pk]), {"answer": "consents"}
    )
    assert Composite.objects.get().state == Composite.State.AGREED
    html = client.get(reverse("conference", args=[composite.conference_id])).content.decode()
    assert "composited into C1" in html


def test_an_answer_neither_consent_nor_refusal_changes_nothing(
    client, composite, motions, north_secretary
):
    client.force_login(north_secretary.person)
    response = client.post(
        reverse("composite_answer", args=[composite.pk, motions[0].pk]),
        {"answer": "maybe"},
        follow=True,
    )
    assert "Answer that your body consents, or that it refuses." in response.content.decode()
    assert set(Consent.objects.values_list("answer", flat=True)) == {"pending"}


def test_a_stranger_answering_for_a_motion_is_refused(client, composite, motions, south_secretary):
    client.force_login(south_secretary.person)
    response = client.post(
        reverse("composite_answer", args=[composite.pk, motions[0].pk]),
        {"answer": "refuses"},
        follow=True,
    )
    assert "Only the officers of North answer for its motion" in response.content.decode()
    assert Composite.objects.get().state == Composite.State.PENDING


def test_a_composite_nobody_may_see_is_not_found(client, composite, make_member, tree):
    assert client.get(composite.get_absolute_url()).status_code == 302  # to the login
    client.force_login(make_member(tree["north"]).person)
    assert client.get(reverse("composite", args=[composite.pk + 1])).status_code == 404
