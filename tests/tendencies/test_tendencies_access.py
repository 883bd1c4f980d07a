"""Who sees a tendency and who sees its signatories, by `tendency.signatories`; an office shows
no officer more than the rule allows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser

from newcourse.organisation.models import Body, Member
from newcourse.refusals import AccessDenied
from newcourse.tendencies import access, services
from newcourse.tendencies.models import Tendency


@pytest.fixture
def tendency(propose, members: list[Member]) -> Tendency:
    tendency = propose()
    services.tendency_sign(member=members[1], tendency=tendency)
    return tendency


def test_whoever_may_see_the_body_sees_the_tendency(tendency: Tendency, members) -> None:
    assert access.access_tendency_for_person(person=members[5].person, pk=tendency.pk) == tendency


def test_a_member_of_another_section_does_not_see_the_tendency(
    tendency: Tendency, tree, make_member: Callable[..., Member]
) -> None:
    outsider = make_member(tree["far"])

    with pytest.raises(AccessDenied):
        access.access_tendency_for_person(person=outsider.person, pk=tendency.pk)


def test_an_unknown_tendency_is_refused_as_one_not_open(members) -> None:
    with pytest.raises(AccessDenied):
        access.access_tendency_for_person(person=members[0].person, pk=999)


def test_anonymous_sees_no_signatories(tendency: Tendency) -> None:
    assert access.may_see_signatories(person=AnonymousUser(), tendency=tendency) is False


@pytest.mark.parametrize("rulebook_parameters", [{"tendency.signatories": "members"}])
def test_members_rule_shows_signatories_to_the_bodys_members_only(
    tendency: Tendency, members: list[Member], tree, officer_of, rulebook_parameters
) -> None:
    officer_above = officer_of(tree["international"])

    seen = {
        "member": access.may_see_signatories(person=members[7].person, tendency=tendency),
        "officer above": access.may_see_signatories(person=officer_above.person, tendency=tendency),
    }

    assert seen == {"member": True, "officer above": False}


@pytest.mark.parametrize("rulebook_parameters", [{"tendency.signatories": "contacts"}])
def test_contacts_rule_shows_signatories_to_the_contacts_only(
    tendency: Tendency, members: list[Member], tree, officer_of, rulebook_parameters
) -> None:
    officer_of_body = officer_of(tree["section"])

    seen = {
        "contact": access.may_see_signatories(person=members[0].person, tendency=tendency),
        "signatory": access.may_see_signatories(person=members[1].person, tendency=tendency),
        "member": access.may_see_signatories(person=members[7].person, tendency=tendency),
        "officer": access.may_see_signatories(person=officer_of_body.person, tendency=tendency),
    }

    assert seen == {"contact": True, "signatory": False, "member": False, "officer": False}


@pytest.mark.parametrize("rulebook_parameters", [{"tendency.signatories": "public"}])
def test_public_rule_shows_signatories_to_whoever_sees_the_body(
    tendency: Tendency, tree, officer_of, rulebook_parameters
) -> None:
    officer_above = officer_of(tree["international"])

    signatories = access.access_signatories_for_person(
        person=officer_above.person, tendency=tendency
    )

    assert [m.person.full_name for m in signatories] == ["Signer 00", "Signer 01"]


@pytest.mark.parametrize("rulebook_parameters", [{"tendency.signatories": "contacts"}])
def test_the_list_is_refused_to_an_officer_under_the_contacts_rule(
    tendency: Tendency, tree, officer_of, rulebook_parameters
) -> None:
    officer = officer_of(tree["section"])

    with pytest.raises(AccessDenied):
        access.access_signatories_for_person(person=officer.person, tendency=tendency)


def test_a_member_of_a_body_above_is_not_a_member_of_the_body(
    tendency: Tendency, tree: dict[str, Body], make_member: Callable[..., Member]
) -> None:
    above = make_member(tree["international"])

    assert access.may_see_signatories(person=above.person, tendency=tendency) is False
