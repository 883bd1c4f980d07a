"""Nominating by membership number looks only within the election's body: a number from
another branch is answered exactly like a number nobody has, so the form is no oracle for
who belongs where or who is in good standing."""

import pytest
from django.urls import reverse

from newcourse.elections.models import Candidate
from newcourse.organisation import services as organisation_services


def _nominate(client, election, number):
    """The messages the page shows after the nomination (shown, so they are not kept)."""
    response = client.post(reverse("nominate", args=[election.pk]), {"number": number}, follow=True)
    return [str(m) for m in response.context["messages"]]


def test_a_member_of_another_branch_is_answered_like_a_number_nobody_has(
    client, election, electorate, make_member, tree
):
    outsider = make_member(tree["far"], name="Agathe Girard")
    organisation_services.member_set_standing(
        actor="system:test", member=outsider, standing="arrears", reason="unpaid"
    )
    client.force_login(electorate[0].person)

    about_outsider = _nominate(client, election, outsider.number)
    about_nobody = _nominate(client, election, "NO-SUCH-NUMBER")

    assert about_outsider == [
        f"No member of {election.office.body} who can stand has the membership number "
        f"{outsider.number}."
    ]
    assert about_nobody == [
        f"No member of {election.office.body} who can stand has the membership number "
        "NO-SUCH-NUMBER."
    ]
    assert "Agathe" not in about_outsider[0]
    assert not Candidate.objects.filter(member=outsider).exists()


def test_a_member_of_the_body_is_still_nominated_by_number(client, election, electorate):
    client.force_login(electorate[0].person)

    messages = _nominate(client, election, electorate[1].number)

    assert Candidate.objects.filter(election=election, member=electorate[1]).exists()
    assert messages == [
        f"{electorate[1].person} is nominated. They stand once seconded and once they accept."
    ]


def test_a_member_of_the_body_who_may_not_stand_is_answered_like_a_number_nobody_has(
    client, election, electorate
):
    """Walking the numbers must not pair each with a name and a standing: an ineligible
    member of the body is refused in the very words a missing number is."""
    in_arrears = electorate[1]
    organisation_services.member_set_standing(
        actor="system:test", member=in_arrears, standing="arrears", reason="unpaid"
    )
    client.force_login(electorate[0].person)

    messages = _nominate(client, election, in_arrears.number)

    assert messages == [
        f"No member of {election.office.body} who can stand has the membership number "
        f"{in_arrears.number}."
    ]
    assert str(in_arrears.person) not in messages[0]
    assert not Candidate.objects.filter(member=in_arrears).exists()


@pytest.mark.parametrize("rulebook_parameters", [{"stand.good_standing_months": "120"}])
def test_a_member_proposing_themselves_is_told_their_own_reason(client, election, electorate):
    """In good standing (so they may nominate) but not for as long as the rules ask."""
    myself = electorate[0]
    client.force_login(myself.person)

    messages = _nominate(client, election, myself.number)

    assert len(messages) == 1 and "who can stand" not in messages[0]
    assert "120 months" in messages[0]


# Nominating by name ----------------------------------------------------------------------


def test_a_member_who_may_nominate_finds_those_who_can_stand_by_name(
    client, election, electorate, make_member, tree
):
    outsider = make_member(tree["far"], name="Agathe Girard")
    wanted = electorate[1]
    client.force_login(electorate[0].person)

    page = client.get(
        reverse("election", args=[election.pk]), {"q": wanted.person.full_name[:4]}
    ).content.decode()

    assert wanted.person.full_name in page
    assert f'name="number" value="{wanted.number}"' in page
    assert outsider.person.full_name not in page
    assert Candidate.objects.count() == 0  # finding changes nothing


def test_a_name_search_lists_nobody_who_cannot_stand_nor_answers_two_letters(
    client, election, electorate
):
    in_arrears = electorate[1]
    organisation_services.member_set_standing(
        actor="system:test", member=in_arrears, standing="arrears", reason="unpaid"
    )
    client.force_login(electorate[0].person)
    url = reverse("election", args=[election.pk])

    found = client.get(url, {"q": in_arrears.person.full_name}).content.decode()
    assert f'value="{in_arrears.number}"' not in found
    assert "No member who can stand matches" in found
    short = client.get(url, {"q": electorate[2].person.full_name[:2]}).content.decode()
    assert f'value="{electorate[2].number}"' not in short
    assert "three letters or more" in short


def test_the_button_beside_a_name_nominates_that_member(client, election, electorate):
    client.force_login(electorate[0].person)
    messages = _nominate(client, election, electorate[2].number)
    assert Candidate.objects.filter(election=election, member=electorate[2]).exists()
    assert messages[0].endswith("They stand once seconded and once they accept.")
