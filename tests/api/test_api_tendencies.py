"""The tendencies' endpoints: a region's tendencies, proposing, signing, withdrawing and asking
to dissolve; what each refuses; the signatories shown only as the rules allow."""

from __future__ import annotations

import pytest

from newcourse.tendencies import services
from newcourse.tendencies.models import Tendency, TendencyStatus


@pytest.fixture
def rulebook_parameters():
    """Six members in the region: 10% would be 1, so the minimum of 3 decides."""
    return {
        "recall.threshold": "40%",
        "tendency.signatures": "10%",
        "tendency.minimum": "3",
        "tendency.signatories": "members",
    }


@pytest.fixture
def tendency(tree, electorate):
    return services.tendency_propose(
        member=electorate[0], body=tree["region"], name="Rank and File", platform="Our platform."
    )


def test_propose_returns_the_tendency_with_the_first_signature(bearer, electorate, tree, post):
    response = post(
        bearer(electorate[1]),
        f"/api/v1/bodies/{tree['region'].slug}/tendencies/",
        {"name": "Broad Left", "platform": "Unite the left."},
    )

    data = response.json()
    assert (response.status_code, data["status"], data["signatures"], data["threshold"]) == (
        201,
        "collecting",
        1,
        3,
    )
    assert data["signatories"] == [{"number": electorate[1].number, "name": "Voter 1"}]


def test_propose_without_platform_is_a_bad_request(bearer, electorate, tree, post):
    response = post(
        bearer(electorate[1]), f"/api/v1/bodies/{tree['region'].slug}/tendencies/", {"name": "X"}
    )

    assert (response.status_code, response.json()["detail"]) == (400, "Give “platform”.")
    assert Tendency.objects.count() == 0


def test_list_shows_counts_and_threshold(bearer, electorate, tree, tendency):
    response = bearer(electorate[3]).get(f"/api/v1/bodies/{tree['region'].slug}/tendencies/")

    data = response.json()
    assert (data["threshold"], data["members_in_good_standing"]) == (3, 6)
    assert [(t["name"], t["signatures"]) for t in data["tendencies"]] == [("Rank and File", 1)]


def test_signing_twice_is_a_conflict(bearer, electorate, tendency, post):
    client = bearer(electorate[1])
    first = post(client, f"/api/v1/tendencies/{tendency.pk}/sign/")
    again = post(client, f"/api/v1/tendencies/{tendency.pk}/sign/")

    assert (first.status_code, first.json()["signatures"], again.status_code) == (200, 2, 409)


def test_third_signature_declares_it(bearer, electorate, tendency, post):
    post(bearer(electorate[1]), f"/api/v1/tendencies/{tendency.pk}/sign/")
    response = post(bearer(electorate[2]), f"/api/v1/tendencies/{tendency.pk}/sign/")

    assert response.json()["status"] == TendencyStatus.DECLARED


def test_withdraw_then_sign_again(bearer, electorate, tendency, post):
    client = bearer(electorate[1])
    post(client, f"/api/v1/tendencies/{tendency.pk}/sign/")

    withdrawn = post(client, f"/api/v1/tendencies/{tendency.pk}/withdraw/", {"reason": "Later"})
    again = post(client, f"/api/v1/tendencies/{tendency.pk}/sign/")

    assert (withdrawn.json()["signed"], again.json()["signed"]) == (False, True)


def test_dissolve_by_someone_who_did_not_sign_is_forbidden(bearer, electorate, tendency, post):
    response = post(bearer(electorate[4]), f"/api/v1/tendencies/{tendency.pk}/dissolve/")

    tendency.refresh_from_db()
    assert (response.status_code, tendency.status) == (403, TendencyStatus.COLLECTING)


def test_a_member_elsewhere_finds_no_tendency(bearer, tree, make_member, tendency):
    outsider = make_member(tree["far"])

    response = bearer(outsider).get(f"/api/v1/tendencies/{tendency.pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_no_method_edits_or_deletes_a_tendency(bearer, officer_of, tree, tendency, method):
    officer = officer_of(tree["region"])

    response = getattr(bearer(officer), method)(
        f"/api/v1/tendencies/{tendency.pk}/",
        data='{"platform": "Removed", "status": "dissolved"}',
        content_type="application/json",
    )

    tendency.refresh_from_db()
    assert (response.status_code, tendency.platform, tendency.status) == (
        405,
        "Our platform.",
        TendencyStatus.COLLECTING,
    )
