"""The tendencies' pages: a body's list (linked from the body page), proposing one, a
tendency's page with its buttons, and what each refuses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from newcourse.tendencies import selectors, services
from newcourse.tendencies.models import Tendency, TendencyStatus


def test_body_page_links_to_its_tendencies(client, section, members) -> None:
    client.force_login(members[0].person)

    page = client.get(reverse("body", args=[section.slug])).content.decode()

    assert reverse("tendencies", args=[section.slug]) in page


def test_propose_from_the_page_then_it_is_listed(client, section, members) -> None:
    client.force_login(members[0].person)

    response = client.post(
        reverse("tendency_propose", args=[section.slug]),
        {"name": "Rank and File", "platform": "Elected, recallable officials."},
    )
    listing = client.get(reverse("tendencies", args=[section.slug])).content.decode()

    tendency = Tendency.objects.get()
    assert (response.status_code, response["Location"]) == (302, tendency.get_absolute_url())
    assert "Rank and File" in listing


def test_propose_refused_shows_the_reason_and_creates_nothing(client, tree, members) -> None:
    client.force_login(members[0].person)

    response = client.post(
        reverse("tendency_propose", args=[tree["international"].slug]),
        {"name": "Top", "platform": "Text."},
    )

    # The section's members are members within the international: proposing there is allowed;
    # the refusal here is the duplicate name after a first proposal.
    again = client.post(
        reverse("tendency_propose", args=[tree["international"].slug]),
        {"name": "top", "platform": "Text."},
    )
    assert (response.status_code, again.status_code) == (302, 200)
    assert "already has a tendency named" in again.content.decode()
    assert Tendency.objects.count() == 1


def test_tendency_page_shows_platform_count_threshold_and_the_guarantee(
    client, propose, members
) -> None:
    tendency = propose()
    client.force_login(members[3].person)

    page = client.get(tendency.get_absolute_url()).content.decode()

    assert "Democracy in the union" in page
    assert "no officer, committee or majority of the body can" in page
    assert "members of this body only" in page
    assert reverse("tendency_sign", args=[tendency.pk]) in page


def test_sign_withdraw_and_dissolve_from_the_page(client, propose, members) -> None:
    tendency = propose()
    client.force_login(members[1].person)

    client.post(reverse("tendency_sign", args=[tendency.pk]))
    signed = client.get(tendency.get_absolute_url()).content.decode()
    client.post(reverse("tendency_withdraw", args=[tendency.pk]), {"reason": "Moving on"})
    client.force_login(members[0].person)
    client.post(reverse("tendency_dissolve", args=[tendency.pk]))

    tendency.refresh_from_db()
    assert "You signed for this tendency." in signed
    assert tendency.status == TendencyStatus.DISSOLVED


def test_signing_twice_from_the_page_says_why(client, propose, members) -> None:
    tendency = propose()
    client.force_login(members[0].person)

    response = client.post(reverse("tendency_sign", args=[tendency.pk]), follow=True)

    assert "You have already signed for this tendency." in response.content.decode()
    assert selectors.signature_count(tendency) == 1


def test_the_tendency_page_is_not_found_outside_its_body(
    client, propose, tree, make_member
) -> None:
    tendency = propose()
    client.force_login(make_member(tree["far"]).person)

    assert client.get(tendency.get_absolute_url()).status_code == 404


def test_a_get_on_an_action_changes_nothing(client, propose, members) -> None:
    tendency = propose()
    client.force_login(members[1].person)

    response = client.get(reverse("tendency_sign", args=[tendency.pk]))

    assert (response.status_code, selectors.signature_count(tendency)) == (405, 1)


@pytest.mark.parametrize("rulebook_parameters", [{"tendency.signatories": "contacts"}])
def test_under_the_contacts_rule_an_officer_sees_the_count_never_the_names(
    client, propose, members, officer_of, section, rulebook_parameters
) -> None:
    tendency = propose()
    services.tendency_sign(member=members[1], tendency=tendency)
    client.force_login(officer_of(section).person)
    officers_page = client.get(tendency.get_absolute_url()).content.decode()
    client.force_login(members[0].person)
    contacts_page = client.get(tendency.get_absolute_url()).content.decode()

    assert ("Signer 01" in officers_page, "<strong>2</strong>" in officers_page) == (False, True)
    assert "Signer 01" in contacts_page
    assert "contacts only" in officers_page
