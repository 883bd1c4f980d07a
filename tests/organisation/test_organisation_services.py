import datetime

import pytest

from newcourse.organisation import services
from newcourse.organisation.errors import (
    BodyCycle,
    DuplicateBody,
    DuplicateMember,
    InvalidTransition,
    StaleMembership,
)
from newcourse.organisation.models import Body, EventKind, Member, MembershipEvent, MemberStatus
from newcourse.record.models import RecordEntry

ACTOR = "system:test"


def test_body_create_places_body_in_tree(tree):
    north = tree["north"]
    assert north.path == f"{tree['region'].path}{north.pk}/"
    assert north.depth == 3
    assert [b.name for b in north.ancestors()] == ["International", "Section", "Region"]


def test_body_create_records_entry(tree):
    entry = RecordEntry.objects.get(subject=f"body:{tree['north'].slug}")
    assert entry.action == "body.created"
    assert entry.payload == {"name": "North", "kind": "Branch", "parent": tree["region"].slug}


def test_body_create_refuses_duplicate_short_name(tree):
    with pytest.raises(DuplicateBody):
        services.body_create(actor=ACTOR, name="Again", kind="Branch", slug="north")
    assert Body.objects.filter(slug="north").count() == 1


def test_body_move_refuses_cycle(tree):
    count = RecordEntry.objects.count()
    with pytest.raises(BodyCycle):
        services.body_move(actor=ACTOR, body=tree["section"], new_parent=tree["north"])
    tree["section"].refresh_from_db()
    assert tree["section"].parent == tree["international"]
    assert RecordEntry.objects.count() == count


def test_body_move_refuses_moving_under_itself(tree):
    with pytest.raises(BodyCycle):
        services.body_move(actor=ACTOR, body=tree["region"], new_parent=tree["region"])


def test_body_move_rewrites_subtree_paths(tree):
    services.body_move(actor=ACTOR, body=tree["region"], new_parent=tree["other_section"])
    north = Body.objects.get(pk=tree["north"].pk)
    assert north.is_within(tree["other_section"])
    assert not north.is_within(tree["section"])
    assert north.depth == 3


def test_member_admit_writes_history_and_record(tree):
    member = services.member_admit(
        actor=ACTOR,
        email="Rosa@Example.org",
        full_name="Rosa L",
        body=tree["north"],
        joined_on=datetime.date(2021, 3, 8),
    )
    assert member.person.email == "rosa@example.org"
    assert member.status == MemberStatus.ACTIVE
    assert list(member.history.values_list("kind", "effective_on")) == [
        (EventKind.JOINED, datetime.date(2021, 3, 8))
    ]
    entry = RecordEntry.objects.get(subject=f"member:{member.number}")
    assert (entry.action, entry.body_slug) == ("member.admitted", "north")


def test_member_admit_refuses_duplicate_email(tree, make_member):
    make_member(tree["north"], email="same@example.org")
    with pytest.raises(DuplicateMember):
        services.member_admit(
            actor=ACTOR, email="SAME@example.org", full_name="Twin", body=tree["south"]
        )
    assert Member.objects.count() == 1


def test_member_transfer_moves_member_and_records_both_bodies(tree, make_member):
    member = make_member(tree["north"])
    moved = services.member_transfer(actor=ACTOR, member=member, to_body=tree["far"])
    assert moved.body == tree["far"]
    entries = RecordEntry.objects.filter(action="member.transferred")
    assert sorted(entries.values_list("body_slug", flat=True)) == ["far", "north"]
    assert moved.history.last().kind == EventKind.TRANSFERRED


def test_member_transfer_refuses_same_body(tree, make_member):
    member = make_member(tree["north"])
    with pytest.raises(InvalidTransition):
        services.member_transfer(actor=ACTOR, member=member, to_body=tree["north"])


def test_member_transfer_refuses_lapsed_member(tree, make_member):
    member = make_member(tree["north"])
    member = services.member_change_status(actor=ACTOR, member=member, status=MemberStatus.LAPSED)
    with pytest.raises(InvalidTransition):
        services.member_transfer(actor=ACTOR, member=member, to_body=tree["south"])


def test_member_change_status_follows_allowed_transitions(tree, make_member):
    member = make_member(tree["north"])
    member = services.member_change_status(
        sanction="case:1",
        actor=ACTOR,
        member=member,
        status=MemberStatus.SUSPENDED,
        reason="Pending hearing",
    )
    member = services.member_change_status(
        actor=ACTOR, member=member, status=MemberStatus.ACTIVE, reason="Cleared"
    )
    assert list(member.history.values_list("kind", flat=True)) == [
        EventKind.JOINED,
        EventKind.SUSPENDED,
        EventKind.READMITTED,
    ]


def test_member_change_status_refuses_expulsion_without_reason(tree, make_member):
    member = make_member(tree["north"])
    with pytest.raises(InvalidTransition):
        services.member_change_status(
            sanction="case:1", actor=ACTOR, member=member, status=MemberStatus.EXPELLED
        )
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE


def test_member_change_status_refuses_resigned_to_lapsed(tree, make_member):
    member = make_member(tree["north"])
    member = services.member_change_status(actor=ACTOR, member=member, status=MemberStatus.RESIGNED)
    with pytest.raises(InvalidTransition):
        services.member_change_status(actor=ACTOR, member=member, status=MemberStatus.LAPSED)


def test_member_restore_gives_back_expelled_membership_with_history_kept(tree, make_member):
    member = make_member(tree["north"])
    member = services.member_change_status(
        sanction="case:1", actor=ACTOR, member=member, status=MemberStatus.EXPELLED, reason="Case 1"
    )

    member = services.member_restore(actor=ACTOR, member=member, reason="Case 1, appeal upheld")

    assert member.status == MemberStatus.ACTIVE
    assert list(member.history.values_list("kind", flat=True)) == [
        EventKind.JOINED,
        EventKind.EXPELLED,
        EventKind.RESTORED,
    ]


def test_member_restore_refuses_active_member(tree, make_member):
    member = make_member(tree["north"])

    with pytest.raises(InvalidTransition) as caught:
        services.member_restore(actor=ACTOR, member=member)

    assert str(caught.value) == (
        "Only a suspended or expelled member can be restored; Member 1 is member."
    )


def test_member_edit_from_stale_page_is_refused(tree, make_member):
    member = make_member(tree["north"])
    seen_by_first, seen_by_second = member.version, member.version
    services.member_set_standing(
        actor=ACTOR, member=member, standing="arrears", expected_version=seen_by_first
    )
    with pytest.raises(StaleMembership):
        services.member_transfer(
            actor=ACTOR, member=member, to_body=tree["south"], expected_version=seen_by_second
        )
    member.refresh_from_db()
    assert (member.body, member.standing) == (tree["north"], "arrears")


def test_membership_history_cannot_be_rewritten(tree, make_member):
    member = make_member(tree["north"])
    event = member.history.get()
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        MembershipEvent.objects.filter(member=member).update(reason="x")
    with pytest.raises(PermissionError):
        MembershipEvent.objects.filter(member=member).delete()
