"""Where the rulebook makes delegates mandated, a unit's officers instruct its delegation on
each motion, amendment and composite going forward, once a quorate meeting of its members
decided it, until the conference opens; a later instruction replaces the standing one, which
is kept. Where delegates are free, no instruction is recorded, and the refusal says why."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from tests.conferences.amending import amend, branch_secretary, motion
from tests.conferences.credentialing import at
from tests.conferences.mandating import RULEBOOK, instruct, rule
from tests.conferences.steps import committee, fixed
from tests.rulebooks import rulebook_text

from newcourse.conferences import selectors_mandates, services
from newcourse.conferences.models import Delegation, Instruction
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow
from newcourse.rules.models import RulesVersion

SOUTH_TEXT = "Conference notes rents doubled.\n\nConference resolves to fight for rent controls."
COMPOSITE = (
    "Conference notes the cost of living.\n\nConference notes rents doubled.\n\n"
    "Conference resolves to fight for a pay rise and rent controls."
)
FREE = {**RULEBOOK, "delegates.mandate": "free"}


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north_secretary(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def south_secretary(tree, make_member):
    return branch_secretary(tree["south"], make_member)


@pytest.fixture
def conference(tree, secretary, north_secretary, south_secretary):
    """Called today, its delegations fixed at today's freeze."""
    return fixed(secretary, tree["international"])


@pytest.fixture
def chair(tree, make_member, secretary, conference):
    member = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [member])
    return member


@pytest.fixture
def north_motion(tree, conference, north_secretary, chair):
    """North's motion, ruled admissible: it goes forward."""
    submitted = motion(north_secretary, conference, tree["north"])
    rule(chair, conference, motion=submitted)
    return submitted


@pytest.fixture
def north(tree, conference):
    return Delegation.objects.select_related("conference", "unit").get(
        conference=conference, unit=tree["north"]
    )


def test_an_instruction_is_recorded_with_its_meeting_and_goes_on_the_record(
    north, north_secretary, north_motion
):
    instruction = instruct(north_secretary, north, "against", votes=(6, 2, 1), motion=north_motion)

    entry = RecordEntry.objects.get(action="conference.instruction_given")
    assert (instruction.vote, instruction.item_key, instruction.replaced_at) == (
        "against",
        f"motion:{north_motion.pk}",
        None,
    )
    assert entry.body_slug == "north"
    assert entry.payload == {
        "instruction": instruction.pk,
        "unit": "north",
        "item": f"motion:{north_motion.pk}",
        "vote": "against",
        "meeting_on": timezone.localdate().isoformat(),
        "for": 6,
        "against": 2,
        "abstain": 1,
        "given_by": f"member:{north_secretary.number}",
        "replaces": None,
        "replaced_vote": None,
        "rulebook_version": 1,
    }


def test_a_later_instruction_replaces_the_standing_one_which_is_kept(
    north, north_secretary, north_motion
):
    first = instruct(north_secretary, north, "for", motion=north_motion)
    later = instruct(north_secretary, north, "left", votes=(7, 0, 0), motion=north_motion)

    first.refresh_from_db()
    [shown] = selectors_mandates.instructions_shown(north)
    assert (shown.instruction, shown.earlier) == (later, [first])
    assert (later.replaces, first.replaced_at is not None) == (first, True)
    assert [e.payload["replaced_vote"] for e in RecordEntry.objects.filter(
        action="conference.instruction_given"
    ).order_by("seq")] == [None, "for"]  # fmt: skip


def test_the_same_instruction_from_the_same_meeting_is_refused_as_already_done(
    north, north_secretary, north_motion
):
    instruct(north_secretary, north, "for", motion=north_motion)

    with pytest.raises(AlreadyDone, match="already recorded"):
        instruct(north_secretary, north, "for", motion=north_motion)
    assert Instruction.objects.count() == 1


@pytest.mark.parametrize("rulebook_parameters", [FREE])
def test_free_delegates_are_not_instructed_and_the_refusal_cites_the_rule(
    north, north_secretary, north_motion
):
    with pytest.raises(NotPermitted) as refused:
        instruct(north_secretary, north, motion=north_motion)

    assert refused.value.message == (
        "The delegates to Congress 2027 are free (rule 5.5 of the rulebook, version 1: "
        "delegates.mandate = free): they are not bound by instructions, so none is recorded."
    )
    assert Instruction.objects.count() == 0


def test_the_mandate_is_read_from_the_version_the_entitlement_was_fixed_under(
    tree, conference, north, north_secretary, north_motion
):
    RulesVersion.objects.create(
        body=tree["international"],
        number=2,
        text=rulebook_text(**FREE),
        effective_on=timezone.localdate(),
        adopted_at=timezone.now(),
        source="test",
    )

    mandate = selectors_mandates.mandate_of(conference)
    assert (mandate.mandated, mandate.rulebook_version, mandate.clause, mandate.fixed) == (
        True,
        1,
        "5.5",
        True,
    )
    assert instruct(north_secretary, north, motion=north_motion).vote == "for"


def test_only_the_units_officers_instruct_its_delegation(
    tree, north, south_secretary, north_motion, make_member
):
    member = make_member(tree["north"])

    for someone in (south_secretary, member):
        with pytest.raises(NotPermitted, match="Only the officers of North instruct"):
            instruct(someone, north, motion=north_motion)
    assert Instruction.objects.count() == 0


def test_an_item_not_going_forward_is_refused(tree, conference, chair, north, north_secretary):
    waiting = motion(north_secretary, conference, tree["north"])
    ruled_out = motion(north_secretary, conference, tree["north"])
    rule(chair, conference, "out-of-order", motion=ruled_out)

    for item in (waiting, ruled_out):
        with pytest.raises(InvalidInput, match="does not go forward to the conference"):
            instruct(north_secretary, north, motion=item)
    assert Instruction.objects.count() == 0


def test_no_instruction_once_the_conference_opens(conference, north, north_secretary, north_motion):
    with pytest.raises(OutsideWindow, match="before the conference opens"):
        instruct(north_secretary, north, motion=north_motion, now=at(conference.opens_on))


def test_an_inquorate_meeting_gives_no_instruction(north, north_secretary, north_motion):
    with pytest.raises(NotEligible, match="not quorate"):
        instruct(north_secretary, north, votes=(1, 0, 0), motion=north_motion)


def test_a_meeting_that_did_not_carry_it_gives_no_instruction(north, north_secretary, north_motion):
    with pytest.raises(NotEligible, match="did not carry it"):
        instruct(north_secretary, north, votes=(2, 3, 0), motion=north_motion)


def test_an_instruction_is_one_of_four_and_on_one_item(north, north_secretary, north_motion):
    with pytest.raises(InvalidInput, match="for, against, abstain, left"):
        instruct(north_secretary, north, "maybe", motion=north_motion)
    with pytest.raises(InvalidInput, match="on one motion, amendment or composite"):
        instruct(north_secretary, north)


def test_amendments_and_agreed_composites_go_forward_to_be_instructed_on(
    tree, conference, chair, north, north_secretary, south_secretary, north_motion
):
    kept_off = amend(south_secretary, north_motion, tree["south"])
    rule(chair, conference, "out-of-order", amendment=kept_off)
    amendment = amend(south_secretary, north_motion, tree["south"])
    south_motion = motion(south_secretary, conference, tree["south"], text=SOUTH_TEXT)
    other = motion(north_secretary, conference, tree["north"], text=SOUTH_TEXT)
    composite = services.composite_draft(
        person=chair.person,
        member=chair,
        conference=conference,
        motions=[south_motion, other],
        title="Pay and rent",
        text=COMPOSITE,
    )
    for secretary, moved in ((south_secretary, south_motion), (north_secretary, other)):
        services.composite_answer(
            person=secretary.person,
            member=secretary,
            composite=composite,
            motion=moved,
            consents=True,
        )

    items = selectors_mandates.items_going_forward(conference)
    assert [item.key for item in items] == [
        f"motion:{north_motion.pk}",
        f"amendment:{amendment.pk}",
        f"composite:{composite.pk}",
    ]
    instruct(north_secretary, north, "abstain", amendment=amendment)
    instruct(north_secretary, north, "for", composite=composite)
    with pytest.raises(InvalidInput, match="does not go forward"):
        instruct(north_secretary, north, amendment=kept_off)
    assert [
        (row.item.key, row.instruction.vote if row.instruction else None)
        for row in selectors_mandates.instructions_shown(north)
    ] == [
        (f"motion:{north_motion.pk}", None),
        (f"amendment:{amendment.pk}", "abstain"),
        (f"composite:{composite.pk}", "for"),
    ]


def test_an_item_of_another_conference_is_refused(
    tree, secretary, north, north_secretary, north_motion
):
    other = fixed(secretary, tree["international"])
    other_north = Delegation.objects.get(conference=other, unit=tree["north"])

    with pytest.raises(InvalidInput, match="not an item of"):
        instruct(north_secretary, other_north, motion=north_motion)


def test_the_meeting_is_held_before_the_instruction(north, north_secretary, north_motion):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(InvalidInput, match="has to have been held"):
        instruct(north_secretary, north, motion=north_motion, meeting_on=tomorrow)
