"""A body's officers create offices from the body page; nobody else can, and a bad office is
refused with its reason and not created."""

import pytest
from django.urls import reverse

from newcourse.elections import services as election_services
from newcourse.elections.models import Election, ElectionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import Office

FIELDS = {
    "title": "Treasurer",
    "kind": "post",
    "seats": "1",
    "method": "plurality",
    "verifiable": "on",
}


def test_an_officer_creates_a_verifiable_office_and_the_timetable_opens_its_election(
    client, tree, officer_of
):
    officer = officer_of(tree["region"])
    client.force_login(officer.person)
    body_page = client.get(reverse("body", args=[tree["region"].slug]))
    assert reverse("office_new", args=[tree["region"].slug]) in body_page.content.decode()
    response = client.post(reverse("office_new", args=[tree["region"].slug]), FIELDS)
    office = Office.objects.get(title="Treasurer")
    assert response.status_code == 302 and response["Location"] == office.get_absolute_url()
    assert office.verifiable and office.body == tree["region"]
    assert not Election.objects.filter(office=office).exists()  # a POST runs no timetable

    election_services.elections_tick()  # the scheduler's next tick

    (election,) = Election.objects.filter(office=office)
    assert election.status == ElectionStatus.NOMINATIONS


def test_a_member_who_holds_no_office_cannot_create_one(client, tree, make_member):
    member = make_member(tree["north"])
    client.force_login(member.person)
    response = client.post(reverse("office_new", args=[tree["region"].slug]), FIELDS)
    assert response.status_code == 404
    assert not Office.objects.filter(title="Treasurer").exists()


def test_a_ranked_verifiable_office_is_refused_with_the_reason(client, tree, officer_of):
    officer = officer_of(tree["region"])
    client.force_login(officer.person)
    response = client.post(
        reverse("office_new", args=[tree["region"].slug]), {**FIELDS, "method": "auto"}
    )
    assert response.status_code == 200
    assert "Only plurality and approval elections can be verifiable" in response.content.decode()
    assert not Office.objects.filter(title="Treasurer").exists()


def test_nonsense_is_refused_field_by_field(client, tree, officer_of):
    officer = officer_of(tree["region"])
    client.force_login(officer.person)
    response = client.post(
        reverse("office_new", args=[tree["region"].slug]),
        {**FIELDS, "seats": "0", "kind": "chairmanship"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "An office has at least one seat." in page and "chairmanship" in page
    assert not Office.objects.filter(title="Treasurer").exists()


def test_the_office_form_sets_no_number_the_rulebook_fixes(client, tree, officer_of):
    """Terms, limits, eligibility and recall are the rulebook's: a form that sent them
    changes nothing, and the office's page says what the rulebook says."""
    officer = officer_of(tree["region"])
    client.force_login(officer.person)
    page = client.get(reverse("office_new", args=[tree["region"].slug]))
    assert list(page.context["form"].fields) == [
        "title",
        "kind",
        "powers",
        "seats",
        "method",
        "verifiable",
    ]
    client.post(
        reverse("office_new", args=[tree["region"].slug]),
        {**FIELDS, "recall_threshold_percent": "1", "term_months": "120"},
    )
    office = Office.objects.get(title="Treasurer")
    shown = client.get(office.get_absolute_url()).content.decode()
    assert "<strong>24</strong> months a term" in shown
    assert "<strong>20%</strong> of the electorate can petition for recall" in shown


def test_the_form_ticks_a_posts_powers_and_creates_the_office_with_those_ticked(
    client, tree, officer_of
):
    officer = officer_of(tree["region"])
    client.force_login(officer.person)
    page = client.get(reverse("office_new", args=[tree["region"].slug]))
    assert page.context["form"]["powers"].initial == ["offices", "register"]
    client.post(
        reverse("office_new", args=[tree["region"].slug]),
        {**FIELDS, "verifiable": "", "powers": ["books"]},
    )
    assert Office.objects.get(title="Treasurer").powers == ["books"]


def test_a_tellers_office_with_powers_ticked_is_refused(client, tree, officer_of):
    officer = officer_of(tree["region"])
    client.force_login(officer.person)
    response = client.post(
        reverse("office_new", args=[tree["region"].slug]),
        {**FIELDS, "title": "Tellers", "kind": "tellers", "verifiable": "", "powers": ["register"]},
    )
    assert response.status_code == 200
    assert "untick these" in response.content.decode()
    assert not Office.objects.filter(title="Tellers").exists()


def test_a_second_tellers_office_is_refused_on_the_page(client, tree, officer_of):
    officer = officer_of(tree["region"])
    client.force_login(officer.person)
    tellers = {**FIELDS, "kind": "tellers", "verifiable": "", "seats": "3"}
    client.post(reverse("office_new", args=[tree["region"].slug]), {**tellers, "title": "Tellers"})
    response = client.post(
        reverse("office_new", args=[tree["region"].slug]), {**tellers, "title": "Second tellers"}
    )
    assert "already has its tellers office" in response.content.decode()
    assert not Office.objects.filter(title="Second tellers").exists()


@pytest.mark.parametrize("powers", [["register"], ["books"]])
def test_only_an_office_that_creates_offices_may_create_one(client, tree, officer_of, powers):
    """A membership secretary keeps the register, a treasurer the books: neither creates
    offices, and neither is shown the link."""
    officer = officer_of(tree["region"], powers=powers)
    client.force_login(officer.person)
    body_page = client.get(reverse("body", args=[tree["region"].slug]))
    assert reverse("office_new", args=[tree["region"].slug]) not in body_page.content.decode()
    response = client.post(reverse("office_new", args=[tree["region"].slug]), FIELDS)
    assert response.status_code == 404
    assert not Office.objects.filter(title="Treasurer").exists()


@pytest.mark.parametrize("kind", ["tellers", "delegation"])
def test_tellers_and_delegates_see_no_officers_links_and_reach_no_officers_page(
    client, tree, officer_of, kind
):
    officer = officer_of(tree["region"], title="Office", kind=kind, seats=3)
    client.force_login(officer.person)
    body_page = client.get(reverse("body", args=[tree["region"].slug])).content.decode()
    for name in ["directory", "member_admit", "members_import", "members_export", "office_new"]:
        url = reverse(name, args=[tree["region"].slug])
        assert url not in body_page
        assert client.get(url).status_code == 404


def test_the_office_page_lists_its_powers(client, tree, officer_of):
    officer = officer_of(tree["region"], powers=["books", "register"])
    client.force_login(officer.person)
    office = Office.objects.get(title="Secretary")
    page = client.get(office.get_absolute_url()).content.decode()
    assert "Keep the books; Keep the register of members" in page
    tellers = office_services.office_create(
        actor="system:test", body=tree["region"], title="Tellers", kind="tellers"
    )
    assert "hold no administrative power" in client.get(tellers.get_absolute_url()).content.decode()
