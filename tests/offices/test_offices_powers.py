"""An office's powers: those its kind gives unless named, only known ones, and the officer
roll answers "serves with this power" from the office held."""

import pytest

from newcourse.offices import services as office_services
from newcourse.organisation.officers import Power, officer_roll
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput


def found(body, member, **office):
    made = office_services.office_create(actor="system:test", body=body, **office)
    office_services.term_record_founding(actor="system:test", office=made, members=[member])
    return made


def test_a_post_keeps_the_register_and_creates_offices_unless_told_otherwise(tree):
    office = office_services.office_create(actor="system:test", body=tree["north"], title="Sec")
    assert office.powers == [Power.OFFICES, Power.REGISTER]


@pytest.mark.parametrize("kind", ["tellers", "delegation"])
def test_tellers_and_delegates_have_no_administrative_power(tree, kind):
    office = office_services.office_create(
        actor="system:test", body=tree["north"], title="T", kind=kind
    )
    assert office.powers == []


def test_an_unknown_power_is_refused(tree):
    with pytest.raises(InvalidInput, match="no power called “rule”"):
        office_services.office_create(
            actor="system:test", body=tree["north"], title="T", powers=["rule"]
        )


def test_the_roll_answers_for_the_power_of_the_office_held(tree, make_member):
    treasurer = make_member(tree["north"])
    found(tree["north"], treasurer, title="Treasurer", powers=[Power.BOOKS])
    paths = [tree["north"].path]
    assert officer_roll().serves_in(treasurer.person, paths)
    assert officer_roll().serves_in(treasurer.person, paths, power=Power.BOOKS)
    assert not officer_roll().serves_in(treasurer.person, paths, power=Power.REGISTER)


def test_tellers_and_delegations_cannot_be_given_powers(tree):
    for kind in ["tellers", "delegation"]:
        with pytest.raises(InvalidInput, match="holds no powers"):
            office_services.office_create(
                actor="system:test", body=tree["north"], title=kind, kind=kind, powers=["register"]
            )
    assert not tree["north"].offices.exists()


def test_a_second_tellers_office_in_a_body_is_refused(tree):
    """The attack: an officer creates a second, vacant tellers office so that verifiable
    elections find it, see no elected tellers and fall back to plain ballots."""
    office_services.office_create(
        actor="system:test", body=tree["region"], title="Tellers", kind="tellers", seats=3
    )
    with pytest.raises(AlreadyDone, match="already has its tellers office"):
        office_services.office_create(
            actor="system:test", body=tree["region"], title="Counting", kind="tellers", seats=3
        )
    assert list(tree["region"].offices.values_list("title", flat=True)) == ["Tellers"]
    assert RecordEntry.objects.filter(action="office.created", body=tree["region"]).count() == 1
