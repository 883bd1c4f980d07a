"""No officer, committee or majority of a body can dissolve, suspend or edit a tendency: every
path an officer might try is refused and nothing changes (issue 15).

The services act only for the member who calls them, on their own signature; the pages and
the API offer nothing else; tendencies are not in the operator's admin.
"""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from newcourse.accounts.tokens import api_token_create
from newcourse.record.models import RecordEntry
from newcourse.refusals import NotPermitted
from newcourse.tendencies import services
from newcourse.tendencies.models import Tendency, TendencyStatus


@pytest.fixture
def declared(propose, members) -> Tendency:
    tendency = propose()
    for member in members[1:3]:
        services.tendency_sign(member=member, tendency=tendency)
    tendency.refresh_from_db()
    assert tendency.status == TendencyStatus.DECLARED
    return tendency


@pytest.fixture
def officer(officer_of, section):
    """The section's secretary, by its founding act: a member of the section itself."""
    return officer_of(section)


def _state(tendency: Tendency) -> tuple:
    tendency.refresh_from_db()
    return (
        tendency.status,
        tendency.name,
        tendency.platform,
        sorted(tendency.signatures.live().values_list("member_id", flat=True)),
        sorted(tendency.contacts.values_list("pk", flat=True)),
        list(tendency.signatures.values_list("dissolution_asked_at", flat=True)),
    )


def test_an_officer_cannot_dissolve_through_the_service(declared, officer) -> None:
    before = _state(declared)

    with pytest.raises(NotPermitted):
        services.tendency_dissolve(member=officer, tendency=declared)

    assert _state(declared) == before


def test_an_officer_cannot_withdraw_signatures_through_the_service(declared, officer) -> None:
    before = _state(declared)

    with pytest.raises(NotPermitted):
        services.tendency_withdraw_signature(member=officer, tendency=declared)

    assert _state(declared) == before


def test_an_officers_signature_does_not_dissolve_it_for_the_others(
    declared, officer, members
) -> None:
    # An officer may sign as any member may; their request then counts as one signatory's.
    services.tendency_sign(member=officer, tendency=declared)

    dissolved = services.tendency_dissolve(member=officer, tendency=declared)

    declared.refresh_from_db()
    assert (dissolved, declared.status) == (False, TendencyStatus.DECLARED)


def test_the_services_offer_no_other_act(declared) -> None:
    acts = sorted(name for name in dir(services) if name.startswith("tendency_"))

    assert acts == [
        "tendency_dissolve",
        "tendency_propose",
        "tendency_sign",
        "tendency_withdraw_signature",
    ]


@pytest.mark.parametrize("action", ["tendency_dissolve", "tendency_withdraw"])
def test_an_officer_is_refused_on_the_pages(client, declared, officer, action) -> None:
    client.force_login(officer.person)
    before, entries = _state(declared), RecordEntry.objects.count()

    response = client.post(reverse(action, args=[declared.pk]), follow=True)

    assert response.status_code == 200
    assert (_state(declared), RecordEntry.objects.count()) == (before, entries)


def test_an_officer_is_refused_by_the_api(declared, officer) -> None:
    _row, token = api_token_create(email=officer.person.email, name="test")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    before, entries = _state(declared), RecordEntry.objects.count()
    url = f"/api/v1/tendencies/{declared.pk}/"
    edit = json.dumps({"platform": "", "status": "dissolved", "name": "Gone"})

    statuses = [
        api.post(url + "dissolve/", content_type="application/json").status_code,
        api.post(url + "withdraw/", content_type="application/json").status_code,
        api.put(url, edit, content_type="application/json").status_code,
        api.patch(url, edit, content_type="application/json").status_code,
        api.delete(url).status_code,
        api.post(url, edit, content_type="application/json").status_code,
    ]

    assert statuses == [403, 403, 405, 405, 405, 405]
    assert (_state(declared), RecordEntry.objects.count()) == (before, entries)


def test_tendencies_are_not_in_the_operators_admin() -> None:
    registered = [model._meta.app_label for model in admin.site._registry]

    assert "tendencies" not in registered
