"""The standing orders committee through the API: committees named, rulings with each motion's
standing, composites drafted and answered; refusals answered as problem details, nothing
changed. Every response is checked against the OpenAPI description (conftest)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.amending import RULEBOOK, branch_secretary, motion
from tests.conferences.steps import call, committee

from newcourse.conferences.models import (
    AgendaItem,
    Committee,
    Composite,
    Conference,
    Decision,
    Ruling,
)
from newcourse.offices import services as office_services
from newcourse.rules.selectors import latest_version

SOUTH_TEXT = "Conference notes rents doubled.\n\nConference resolves to fight for rent controls."
COMPOSITE = "Conference notes the cost of living.\n\nConference notes rents doubled."


@pytest.fixture
def rulebook_parameters():
    return {**RULEBOOK, "rule_change.notice_days": "28"}


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


def test_the_secretary_names_a_committee_and_anyone_who_sees_the_conference_reads_it(
    bearer, post, as_member, secretary, conference, tree, make_member
):
    office = office_services.office_create(
        actor="t", body=tree["international"], title="Arrangements", kind="committee"
    )
    response = post(
        bearer(secretary),
        f"/api/v1/conferences/{conference.pk}/committees/",
        {"role": "standing-orders", "office": office.pk},
    )
    assert response.status_code == 201
    reader = as_member(make_member(tree["south"]))
    data = reader.get(f"/api/v1/conferences/{conference.pk}/committees/").json()
    assert data["committees"] == [
        {"role": "standing-orders", "office": office.pk, "title": "Arrangements"}
    ]


def test_another_bodys_office_is_refused_as_a_committee(bearer, post, secretary, conference, tree):
    office = office_services.office_create(
        actor="t", body=tree["north"], title="North committee", kind="committee"
    )
    response = post(
        bearer(secretary),
        f"/api/v1/conferences/{conference.pk}/committees/",
        {"role": "standing-orders", "office": office.pk},
    )
    assert response.status_code == 400
    assert not Committee.objects.exists()


def test_the_committee_rules_and_the_standings_follow(bearer, post, chair, conference, motions):
    client = bearer(chair)
    response = post(
        client,
        f"/api/v1/conferences/{conference.pk}/rulings/",
        {"kind": "admissible", "reason": "About pay.", "motion": motions[0].pk},
    )
    assert (response.status_code, response.json()["number"]) == (201, 1)
    data = client.get(f"/api/v1/conferences/{conference.pk}/rulings/").json()
    assert [r["reason"] for r in data["rulings"]] == ["About pay."]
    assert data["standings"] == [
        {"motion": motions[0].pk, "ruling": "admissible", "composite": None, "goes_forward": True},
        {"motion": motions[1].pk, "ruling": None, "composite": None, "goes_forward": False},
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "admissible", "reason": "Fine."},
        {"kind": "admissible", "reason": "Fine.", "motion": 1, "composite": 1},
        {"kind": "admissible", "reason": "Fine.", "motion": "one"},
        {"kind": "admissible", "reason": "Fine.", "motion": 99999},
        {"kind": "admissible", "reason": "", "motion": 1},
        {"kind": "ignored", "reason": "Fine.", "motion": 1},
    ],
)
def test_a_bad_ruling_is_a_problem_and_nothing_is_ruled(
    bearer, post, chair, conference, motions, body
):
    if body.get("motion") == 1:
        body = {**body, "motion": motions[0].pk}
    response = post(bearer(chair), f"/api/v1/conferences/{conference.pk}/rulings/", body)
    assert response.status_code == 400
    assert not Ruling.objects.exists()


def test_a_member_off_the_committee_may_not_rule(
    bearer, post, north_secretary, conference, motions
):
    response = post(
        bearer(north_secretary),
        f"/api/v1/conferences/{conference.pk}/rulings/",
        {"kind": "out-of-order", "reason": "No.", "motion": motions[1].pk},
    )
    assert response.status_code == 403
    assert not Ruling.objects.exists()


def test_a_composite_drafted_then_agreed_by_both_movers(
    bearer, post, chair, conference, motions, north_secretary, south_secretary
):
    chair_client = bearer(chair)
    response = post(
        chair_client,
        f"/api/v1/conferences/{conference.pk}/composites/",
        {"motions": [m.pk for m in motions], "title": "Pay and rent", "text": COMPOSITE},
    )
    assert response.status_code == 201
    composite = response.json()
    assert [line["motion"] for line in composite["lines"]] == [None, motions[0].pk, motions[1].pk]
    url = f"/api/v1/composites/{composite['id']}/answer/"
    first = post(bearer(north_secretary), url, {"motion": motions[0].pk, "consents": True})
    assert first.json()["state"] == "pending"
    second = post(bearer(south_secretary), url, {"motion": motions[1].pk, "consents": True})
    assert second.json()["state"] == "agreed"
    assert second.json()["consents"] == [
        {"motion": motions[0].pk, "answer": "consents"},
        {"motion": motions[1].pk, "answer": "consents"},
    ]
    listed = chair_client.get(f"/api/v1/conferences/{conference.pk}/composites/").json()
    assert [c["state"] for c in listed["composites"]] == ["agreed"]


@pytest.mark.parametrize(
    "body",
    [
        {"motions": "1,2", "title": "Pay", "text": COMPOSITE},
        {"motions": [99998, 99999], "title": "Pay", "text": COMPOSITE},
        {"motions": [], "title": "Pay", "text": COMPOSITE},
        {"motions": None, "title": "", "text": COMPOSITE},
    ],
)
def test_a_bad_composite_is_a_problem_and_nothing_is_drafted(
    bearer, post, chair, conference, motions, body
):
    response = post(bearer(chair), f"/api/v1/conferences/{conference.pk}/composites/", body)
    assert response.status_code == 400
    assert not Composite.objects.exists()


def test_an_answer_that_is_not_a_yes_or_no_is_a_problem(
    bearer, post, chair, conference, motions, north_secretary
):
    composite = post(
        bearer(chair),
        f"/api/v1/conferences/{conference.pk}/composites/",
        {"motions": [m.pk for m in motions], "title": "Pay and rent", "text": COMPOSITE},
    ).json()
    url = f"/api/v1/composites/{composite['id']}/answer/"
    client = bearer(north_secretary)
    for body in ({"motion": motions[0].pk, "consents": "yes"}, {"motion": 0, "consents": True}):
        assert post(client, url, body).status_code == 400
    assert Composite.objects.get().consents.filter(answer="pending").count() == 2


def test_a_composite_nobody_may_see_is_not_found(client):
    assert client.get("/api/v1/composites/99999/").status_code in {401, 404}


def test_the_committee_publishes_the_agenda_and_a_member_reads_it(
    bearer, post, as_member, chair, conference, motions, make_member, tree
):
    client = bearer(chair)
    post(
        client,
        f"/api/v1/conferences/{conference.pk}/rulings/",
        {"kind": "admissible", "reason": "About pay.", "motion": motions[0].pk},
    )
    response = post(
        client,
        f"/api/v1/conferences/{conference.pk}/agenda/",
        {
            "items": [
                {"kind": "report", "minutes": 30, "title": "The executive's report"},
                {"kind": "motion", "minutes": 20, "motion": motions[0].pk},
            ]
        },
    )
    assert response.status_code == 201
    reader = as_member(make_member(tree["south"]))
    data = reader.get(f"/api/v1/conferences/{conference.pk}/agenda/").json()
    assert (data["version"], data["minutes"], data["papers_pdf"]) == (1, 50, None)
    assert [(i["position"], i["kind"], i["motion"]) for i in data["items"]] == [
        (1, "report", None),
        (2, "motion", motions[0].pk),
    ]


@pytest.mark.parametrize(
    "items",
    [
        None,
        "report",
        [{"kind": "report", "minutes": "thirty", "title": "Report"}],
        [{"kind": "motion", "minutes": 20, "motion": 99999}],
        [{"kind": "motion", "minutes": 20}],
        [],
    ],
)
def test_a_bad_agenda_is_a_problem_and_nothing_is_published(
    bearer, post, chair, conference, motions, items
):
    response = post(bearer(chair), f"/api/v1/conferences/{conference.pk}/agenda/", {"items": items})
    assert response.status_code == 400
    assert not AgendaItem.objects.exists()


def _sitting_today(conference):
    """The conference's days moved so that it sits today (as if the weeks had passed)."""
    today = timezone.localdate()
    Conference.objects.filter(pk=conference.pk).update(
        opens_on=today, closes_on=today + datetime.timedelta(days=2)
    )


def test_the_committee_enters_a_decision_and_a_member_reads_it(
    bearer, post, as_member, chair, conference, motions, make_member, tree
):
    client = bearer(chair)
    post(
        client,
        f"/api/v1/conferences/{conference.pk}/rulings/",
        {"kind": "admissible", "reason": "About pay.", "motion": motions[0].pk},
    )
    post(
        client,
        f"/api/v1/conferences/{conference.pk}/agenda/",
        {"items": [{"kind": "motion", "minutes": 20, "motion": motions[0].pk}]},
    )
    _sitting_today(conference)
    url = f"/api/v1/conferences/{conference.pk}/decisions/"
    response = post(client, url, {"motion": motions[0].pk, "votes_for": 120, "votes_against": 80})
    assert response.status_code == 201
    assert (response.json()["outcome"], response.json()["majority"]) == ("carried", "simple")
    again = post(client, url, {"motion": motions[0].pk, "votes_for": 1, "votes_against": 80})
    assert again.status_code == 409
    data = as_member(make_member(tree["south"])).get(url).json()
    assert [(d["motion"], d["outcome"]) for d in data["decisions"]] == [(motions[0].pk, "carried")]


@pytest.mark.parametrize(
    "body",
    [
        {"votes_for": 1, "votes_against": 0},
        {"motion": 999999, "votes_for": 1, "votes_against": 0},
        {"motion": "one", "votes_for": 1, "votes_against": 0},
        {"motion": 0, "votes_for": -1, "votes_against": 0},
        {"amendments": "all", "votes_for": 1, "votes_against": 0},
        {"amendments": [10**30], "votes_for": 1, "votes_against": 0},
    ],
)
def test_a_bad_decision_is_a_problem_and_nothing_is_entered(
    bearer, post, chair, conference, motions, body
):
    _sitting_today(conference)
    response = post(bearer(chair), f"/api/v1/conferences/{conference.pk}/decisions/", body)
    assert response.status_code == 400
    assert not Decision.objects.exists()


def test_a_rule_change_is_submitted_on_the_latest_version(
    bearer, post, conference, north_secretary, tree
):
    latest = latest_version(tree["international"])
    text = latest.text.replace("{motions.max_words = 30}", "{motions.max_words = 40}")
    assert text != latest.text
    motion_body = {
        "body": "north",
        "title": "Longer motions",
        "text": text,
        "meeting_on": timezone.localdate().isoformat(),
        "votes_for": 5,
        "votes_against": 1,
    }
    url = f"/api/v1/conferences/{conference.pk}/motions/"
    client = bearer(north_secretary)
    stale = post(client, url, {**motion_body, "amends_version": 7})
    assert stale.status_code == 409
    response = post(client, url, {**motion_body, "amends_version": 1})
    assert response.status_code == 201
    assert response.json()["amends_version"] == 1


def test_the_secretary_writes_the_programme_and_a_member_reads_it_by_line(
    bearer, post, as_member, secretary, tree, make_member
):
    url = "/api/v1/bodies/international/programme/"
    text = "# Programme\n\n## 1. Wages\n\n1.1 A living wage for all.\n"
    assert post(bearer(secretary), url, {"text": ""}).status_code == 400
    response = post(bearer(secretary, name="again"), url, {"text": text})
    assert response.status_code == 201
    reader = as_member(make_member(tree["south"]))
    data = reader.get(url).json()
    assert (data["version"], data["versions"][0]["motion"]) == (1, None)
    assert [(line["text"], line["changed_in"]) for line in data["lines"]][-1] == (
        "1.1 A living wage for all.",
        1,
    )
    assert reader.get(url + "?version=2").status_code == 404
    again = post(bearer(secretary, name="third"), url, {"text": text})
    assert again.status_code == 409
