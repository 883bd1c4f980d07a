import pytest
from django.contrib.auth.models import AnonymousUser

from newcourse.organisation import services
from newcourse.organisation.access import (
    access_body_for_person,
    access_member_directory_for_person,
    access_whole_record_for_person,
    holds_power_over,
    record_reader_for_person,
    register_reaches_offices_of,
)
from newcourse.organisation.models import MemberStatus
from newcourse.record.selectors import NO_READER
from newcourse.refusals import AccessDenied


def test_directory_refuses_anonymous(tree):
    with pytest.raises(AccessDenied):
        access_member_directory_for_person(person=AnonymousUser(), body=tree["north"])


def test_directory_refuses_inactive_officer(tree, officer_of):
    officer = officer_of(tree["north"])
    officer.person.is_active = False
    officer.person.save()
    with pytest.raises(AccessDenied):
        access_member_directory_for_person(person=officer.person, body=tree["north"])


def test_directory_refuses_plain_member(tree, make_member):
    member = make_member(tree["north"])
    with pytest.raises(AccessDenied):
        access_member_directory_for_person(person=member.person, body=tree["north"])


def test_directory_refuses_officer_of_another_body(tree, officer_of):
    officer = officer_of(tree["south"])
    with pytest.raises(AccessDenied):
        access_member_directory_for_person(person=officer.person, body=tree["north"])


def test_directory_lists_body_and_sub_bodies_for_its_officer(tree, officer_of, make_member):
    officer = officer_of(tree["region"], branch=tree["north"])
    in_north, in_south = make_member(tree["north"]), make_member(tree["south"])
    make_member(tree["far"])
    members = access_member_directory_for_person(person=officer.person, body=tree["region"])
    assert set(members) == {officer, in_north, in_south}


def test_body_refuses_unknown_and_foreign_alike(tree, make_member):
    member = make_member(tree["north"])
    with pytest.raises(AccessDenied) as unknown:
        access_body_for_person(person=member.person, slug="no-such-body")
    with pytest.raises(AccessDenied) as foreign:
        access_body_for_person(person=member.person, slug="far")
    assert unknown.value.message == foreign.value.message


def test_body_open_to_member_of_it_and_bodies_above(tree, make_member):
    member = make_member(tree["north"])
    for slug in ["north", "region", "section", "international"]:
        assert access_body_for_person(person=member.person, slug=slug).slug == slug


def test_body_closed_to_member_of_sibling_branch(tree, make_member):
    member = make_member(tree["north"])
    with pytest.raises(AccessDenied):
        access_body_for_person(person=member.person, slug="south")


def test_body_closed_to_lapsed_member(tree, make_member):
    member = make_member(tree["north"])
    services.member_change_status(actor="system:test", member=member, status="lapsed")
    with pytest.raises(AccessDenied):
        access_body_for_person(person=member.person, slug="north")


def test_body_open_to_officer_for_bodies_below(tree, officer_of):
    officer = officer_of(tree["section"], branch=tree["north"])
    assert access_body_for_person(person=officer.person, slug="south").slug == "south"


def test_body_closed_to_anonymous(tree):
    with pytest.raises(AccessDenied):
        access_body_for_person(person=AnonymousUser(), slug="north")


def test_body_closed_to_login_without_membership(tree, django_user_model):
    person = django_user_model.objects.create_user(email="x@example.org", full_name="X")
    with pytest.raises(AccessDenied):
        access_body_for_person(person=person, slug="international")


def test_record_reader_of_anonymous_opens_nothing(tree):
    assert record_reader_for_person(AnonymousUser()) == NO_READER


def test_record_reader_of_inactive_officer_opens_nothing(tree, officer_of):
    officer = officer_of(tree["north"])
    officer.person.is_active = False
    officer.person.save()
    assert record_reader_for_person(officer.person) == NO_READER


def test_record_reader_of_member_opens_their_own_only(tree, make_member):
    member = make_member(tree["north"])
    reader = record_reader_for_person(member.person)
    assert (reader.person_id, reader.served_paths) == (member.person.pk, ())


def test_record_reader_of_officer_opens_the_bodies_served(tree, officer_of):
    officer = officer_of(tree["region"], branch=tree["north"])
    assert record_reader_for_person(officer.person).served_paths == (tree["region"].path,)


def test_whole_record_refuses_anonymous(tree):
    with pytest.raises(AccessDenied):
        access_whole_record_for_person(person=AnonymousUser())


def test_whole_record_open_to_current_member(tree, make_member):
    member = make_member(tree["far"])
    assert access_whole_record_for_person(person=member.person) is None


def test_whole_record_closed_to_login_without_membership(tree, django_user_model):
    person = django_user_model.objects.create_user(email="x@example.org", full_name="X")
    with pytest.raises(AccessDenied):
        access_whole_record_for_person(person=person)


def test_whole_record_closed_to_lapsed_member(tree, make_member):
    member = make_member(tree["north"])
    services.member_change_status(actor="system:test", member=member, status=MemberStatus.LAPSED)
    with pytest.raises(AccessDenied):
        access_whole_record_for_person(person=member.person)


@pytest.mark.parametrize(
    ("kind", "powers"),
    [("post", ["books"]), ("tellers", None), ("delegation", None), ("committee", ["offices"])],
)
def test_directory_refuses_an_office_without_the_register(tree, officer_of, kind, powers):
    """A treasurer, the tellers and a delegation hold office but not the register: the
    members' names and addresses are not theirs to see."""
    officer = officer_of(tree["north"], title="Office", kind=kind, powers=powers)
    with pytest.raises(AccessDenied) as refused:
        access_member_directory_for_person(person=officer.person, body=tree["north"])
    with pytest.raises(AccessDenied) as stranger:
        access_member_directory_for_person(person=AnonymousUser(), body=tree["north"])
    assert refused.value.message == stranger.value.message


def test_directory_open_to_the_register_of_a_body_above(tree, officer_of, make_member):
    officer = officer_of(tree["section"], branch=tree["south"], powers=["register"])
    in_north = make_member(tree["north"])
    members = access_member_directory_for_person(person=officer.person, body=tree["north"])
    assert set(members) == {in_north}


def test_holds_power_over_reads_the_office_held(tree, officer_of):
    officer = officer_of(tree["region"], branch=tree["north"], powers=["books"])
    assert holds_power_over(officer.person, tree["north"], "books")
    assert not holds_power_over(officer.person, tree["north"], "register")
    assert not holds_power_over(officer.person, tree["far"], "books")
    assert not holds_power_over(AnonymousUser(), tree["north"], "books")


def test_the_register_reaches_plain_members_and_the_officers_it_covers(
    tree, officer_of, make_member
):
    branch_secretary = officer_of(tree["north"], title="Branch secretary")
    region_officer = officer_of(tree["region"], branch=tree["north"], title="Regional secretary")
    plain = make_member(tree["north"])
    assert register_reaches_offices_of(branch_secretary.person, plain)
    assert register_reaches_offices_of(region_officer.person, branch_secretary)
    assert not register_reaches_offices_of(branch_secretary.person, region_officer)
    assert not register_reaches_offices_of(AnonymousUser(), region_officer)


def test_record_reader_of_an_office_without_the_register_opens_only_their_own(tree, officer_of):
    """A treasurer holds office but not the register: other members' details stay closed."""
    treasurer = officer_of(tree["north"], title="Treasurer", powers=["books"])
    assert record_reader_for_person(treasurer.person).served_paths == ()
