"""A body's officers create offices from the body page; nobody else can, and a bad office is
refused with its reason and not created."""

from django.urls import reverse

from newcourse.elections import services as election_services
from newcourse.elections.models import Election, ElectionStatus
from newcourse.offices.models import Office

FIELDS = {
    "title": "Treasurer",
    "kind": "post",
    "seats": "1",
    "term_months": "24",
    "method": "plurality",
    "verifiable": "on",
    "eligibility_months": "0",
    "recall_threshold_percent": "20",
    "recall_majority": "simple",
    "nomination_days": "14",
    "voting_days": "7",
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
        {**FIELDS, "seats": "0", "recall_threshold_percent": "400"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "An office has at least one seat." in page and "Between 1 and 100." in page
    assert not Office.objects.filter(title="Treasurer").exists()
