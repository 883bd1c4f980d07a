"""Another body amends a motion once a quorate meeting of its members carried the amendment,
by its officers, by the amendments deadline, within the rules' number and length; the
motion's body may accept it as friendly, once; amendments to the same lines conflict."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from tests.conferences.amending import RULEBOOK, TEXT, amend, branch_secretary, motion
from tests.conferences.steps import DAY, call

from newcourse.conferences import selectors, services
from newcourse.conferences.models import Amendment
from newcourse.documents import Hunk
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow

THREE = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph."


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def conference(tree, officer_of):
    secretary = officer_of(tree["international"], branch=tree["far"], title="General secretary")
    return call(secretary, tree["international"], unit_kind="Branch")


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def north_motion(tree, conference, north_secretary):
    return motion(north_secretary, conference, tree["north"])


def test_an_amendment_carried_by_a_quorate_meeting_is_numbered_and_recorded(
    tree, north_motion, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])
    assert (amendment.number, amendment.body, amendment.friendly) == (1, tree["south"], False)
    entry = RecordEntry.objects.get(action="conference.amendment_submitted")
    assert (entry.payload["motion"], entry.payload["number"], entry.payload["for"]) == (
        north_motion.pk,
        1,
        5,
    )
    assert selectors.amendment_hunks(amendment) == (
        Hunk(
            3,
            ("Conference resolves to fight for a pay rise.",),
            3,
            ("Conference resolves to strike for a pay rise.",),
        ),
    )


def test_a_body_does_not_amend_its_own_motion(tree, north_motion, north_secretary):
    with pytest.raises(NotPermitted, match="does not amend its own motion"):
        amend(north_secretary, north_motion, tree["north"])
    assert not Amendment.objects.exists()


def test_only_the_bodys_officers_submit_its_amendments(tree, north_motion, make_member):
    with pytest.raises(NotPermitted, match="Only the officers of South"):
        amend(make_member(tree["south"]), north_motion, tree["south"])


def test_a_body_that_sends_no_delegates_amends_nothing(tree, north_motion, officer_of):
    regional = officer_of(tree["region"], title="Regional secretary")
    with pytest.raises(NotPermitted, match="does not send delegates"):
        amend(regional, north_motion, tree["region"])


def test_after_the_amendments_deadline_nothing_is_submitted(
    tree, conference, north_motion, south_secretary
):
    late = timezone.now() + (conference.amendments_by - timezone.localdate() + DAY)
    with pytest.raises(OutsideWindow, match="Amendments to Congress 2027 closed on"):
        amend(south_secretary, north_motion, tree["south"], now=late)


def test_an_amendment_that_changes_nothing_is_refused(tree, north_motion, south_secretary):
    with pytest.raises(InvalidInput, match="changes nothing"):
        amend(south_secretary, north_motion, tree["south"], text=TEXT + "\n")


def test_a_meeting_short_of_its_quorum_carries_no_amendment(tree, north_motion, south_secretary):
    with pytest.raises(NotEligible, match="1 voted, and South needs 2"):
        amend(south_secretary, north_motion, tree["south"], votes=(1, 0, 0))


def test_an_amendment_the_meeting_did_not_carry_is_refused(tree, north_motion, south_secretary):
    with pytest.raises(NotEligible, match="more have to vote for than against"):
        amend(south_secretary, north_motion, tree["south"], votes=(2, 2, 0))


def test_more_votes_than_members_is_refused(tree, north_motion, south_secretary):
    with pytest.raises(InvalidInput, match="11 votes were counted, but South has 10"):
        amend(south_secretary, north_motion, tree["south"], votes=(11, 0, 0))


def test_an_amended_text_longer_than_the_rules_allow_is_refused(
    tree, north_motion, south_secretary
):
    with pytest.raises(InvalidInput, match="31 words; the rules allow 30"):
        amend(south_secretary, north_motion, tree["south"], text="word " * 31)
    with pytest.raises(InvalidInput, match="characters long"):
        amend(south_secretary, north_motion, tree["south"], text="x" * 3000)


def test_a_body_submits_no_more_amendments_than_the_rules_allow(
    tree, conference, north_motion, south_secretary
):
    amend(south_secretary, north_motion, tree["south"])
    amend(south_secretary, north_motion, tree["south"], text=TEXT + " Now.")
    with pytest.raises(AlreadyDone, match="2 amendments the rules allow"):
        amend(south_secretary, north_motion, tree["south"], text=TEXT + " Today.")
    assert Amendment.objects.count() == 2


def test_braces_in_an_amendment_are_its_own_words(tree, north_motion, south_secretary):
    amendment = amend(south_secretary, north_motion, tree["south"], text=TEXT + " {Now}.")
    assert selectors.amendment_hunks(amendment)[0].new_lines == (
        "Conference resolves to fight for a pay rise. {Now}.",
    )


def test_the_motions_body_accepts_an_amendment_as_friendly_once(
    tree, north_motion, north_secretary, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])
    services.amendment_accept_as_friendly(
        person=north_secretary.person, member=north_secretary, amendment=amendment
    )
    amendment.refresh_from_db()
    assert (amendment.friendly, amendment.accepted_at is not None) == (True, True)
    assert RecordEntry.objects.get(action="conference.amendment_accepted").payload["number"] == 1
    with pytest.raises(AlreadyDone, match="already accepted"):
        services.amendment_accept_as_friendly(
            person=north_secretary.person, member=north_secretary, amendment=amendment
        )
    assert RecordEntry.objects.filter(action="conference.amendment_accepted").count() == 1


def test_only_the_motions_officers_accept_an_amendment(tree, north_motion, south_secretary):
    amendment = amend(south_secretary, north_motion, tree["south"])
    with pytest.raises(NotPermitted, match="Only the officers of North accept"):
        services.amendment_accept_as_friendly(
            person=south_secretary.person, member=south_secretary, amendment=amendment
        )
    amendment.refresh_from_db()
    assert amendment.friendly is False


def test_amendments_to_the_same_lines_conflict_and_others_do_not(
    tree, conference, north_secretary, south_secretary, officer_of, make_member
):
    far_secretary = branch_secretary(tree["far"], make_member)
    three = motion(north_secretary, conference, tree["north"], text=THREE)
    amend(south_secretary, three, tree["south"], text=THREE.replace("Second", "Better second"))
    amend(far_secretary, three, tree["far"], text=THREE.replace("Second", "Other second"))
    amend(south_secretary, three, tree["south"], text=THREE.replace("Third", "Last"))
    assert selectors.conflicting(three) == {(1, 2)}
    shown = [(s.amendment.number, s.conflicts_with) for s in selectors.amendments_shown(three)]
    assert shown == [(1, (2,)), (2, (1,)), (3, ())]


def test_two_insertions_at_the_same_line_conflict(
    tree, conference, north_secretary, south_secretary, make_member
):
    far_secretary = branch_secretary(tree["far"], make_member)
    three = motion(north_secretary, conference, tree["north"], text=THREE)
    amend(
        south_secretary, three, tree["south"], text=THREE.replace("\n\nThird", "\n\nNew.\n\nThird")
    )
    amend(far_secretary, three, tree["far"], text=THREE.replace("\n\nThird", "\n\nOther.\n\nThird"))
    assert [h.old_lines for h in selectors.amendment_hunks(Amendment.objects.get(number=1))] == [()]
    assert selectors.conflicting(three) == {(1, 2)}


def test_an_insertion_after_a_changed_line_does_not_conflict(
    tree, conference, north_secretary, south_secretary, make_member
):
    far_secretary = branch_secretary(tree["far"], make_member)
    three = motion(north_secretary, conference, tree["north"], text=THREE)
    amend(south_secretary, three, tree["south"], text=THREE.replace("Second", "Better second"))
    amend(far_secretary, three, tree["far"], text=THREE.replace("\n\nThird", "\n\nNew.\n\nThird"))
    assert selectors.conflicting(three) == set()


def test_an_amendment_keeps_its_changes_as_worked_out_from_the_texts(
    tree, north_motion, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])

    stored = Amendment.objects.get(pk=amendment.pk)

    assert selectors.changes_of(stored) == selectors.amendment_hunks(stored)
    assert stored.changes == [
        [
            3,
            ["Conference resolves to fight for a pay rise."],
            3,
            ["Conference resolves to strike for a pay rise."],
        ]
    ]


def test_the_amendments_submitted_before_get_their_changes_from_the_migration(
    tree, north_motion, south_secretary
):
    amendment = amend(south_secretary, north_motion, tree["south"])
    Amendment.objects.filter(pk=amendment.pk).update(changes=[])
    migration = importlib.import_module("newcourse.conferences.migrations.0009_amendment_changes")

    migration.changes_worked_out(apps, None)

    stored = Amendment.objects.get(pk=amendment.pk)
    assert selectors.changes_of(stored) == selectors.amendment_hunks(stored)


def test_amendments_shown_without_their_texts_show_the_same_changes_and_conflicts(
    tree, conference, north_secretary, south_secretary, make_member
):
    far_secretary = branch_secretary(tree["far"], make_member)
    three = motion(north_secretary, conference, tree["north"], text=THREE)
    amend(south_secretary, three, tree["south"], text=THREE.replace("Second", "Better second"))
    amend(far_secretary, three, tree["far"], text=THREE.replace("Second", "Other second"))

    with_texts = selectors.amendments_shown(three)
    without = selectors.amendments_shown(three, texts=False)

    assert [(s.hunks, s.conflicts_with) for s in without] == [
        (s.hunks, s.conflicts_with) for s in with_texts
    ]
    assert [s.amendment.get_deferred_fields() for s in without] == [{"text"}, {"text"}]
    assert [s.amendment.get_deferred_fields() for s in with_texts] == [set(), set()]


SPANS = st.lists(
    st.tuples(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=3)),
    max_size=3,
)


def _clash(a: Hunk, b: Hunk) -> bool:
    """The rule as first written: every change of one against every change of the other."""
    a_end, b_end = a.old_start + len(a.old_lines), b.old_start + len(b.old_lines)
    return a.old_start == b.old_start or (a.old_start < b_end and b.old_start < a_end)


@given(st.dictionaries(st.integers(min_value=1, max_value=8), SPANS, max_size=8))
def test_the_conflicting_pairs_are_those_whose_changes_clash(changes) -> None:
    hunks = {
        number: tuple(Hunk(start, ("x",) * length, start, ()) for start, length in each)
        for number, each in changes.items()
    }

    assert selectors._pairs(hunks) == {
        (first, second)
        for first in hunks
        for second in hunks
        if first < second and any(_clash(a, b) for a in hunks[first] for b in hunks[second])
    }
