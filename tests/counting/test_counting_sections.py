"""Votes by section: the weighted sectional result, the double majority, the women's vote."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.counting import (
    ElectionError,
    SectionVote,
    decide_motion,
    double_majority,
    sectional_result,
    womens_vote,
)
from newcourse.counting._sections import percent_words

HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)
LABOUR = {"CLPs": HALF, "affiliates": HALF}
A_AND_B = [SectionVote("A", 1, 0), SectionVote("B", 1, 0)]


def test_sectional_labour_half_and_half_carries_what_pooled_votes_would_lose():
    # CLPs 300,000 for, 100,000 against: 3/4. Affiliates 800,000 for, 1,200,000 against: 2/5.
    # Combined: 1/2 * 3/4 + 1/2 * 2/5 = 3/8 + 1/5 = 23/40 = 57.5%, carried - though pooled,
    # 1,100,000 of 2,400,000 (45.8%) would have lost.
    sections = [
        SectionVote("CLPs", 300_000, 100_000, 5_000),
        SectionVote("affiliates", 800_000, 1_200_000),
    ]

    result = sectional_result(sections, weights=LABOUR)

    assert result.share == Fraction(23, 40)
    assert result.carried is True
    assert [s.share for s in result.sections] == [Fraction(3, 4), Fraction(2, 5)]
    assert [s.counted for s in result.sections] == [HALF, HALF]
    assert result.sections[0].base == 400_000
    assert result.reason == (
        "Carried: 57.5% for, and the motion needed more than a half. "
        "CLPs: 75% for, weighing 1/2; affiliates: 40% for, weighing 1/2."
    )
    assert decide_motion(yes=1_100_000, no=1_300_000).carried is False


def test_sectional_share_of_exactly_a_half_falls_under_a_simple_majority():
    # 3/5 and 2/5, each weighing a half: exactly 1/2.
    sections = [SectionVote("CLPs", 3, 2), SectionVote("affiliates", 2, 3)]

    simple = sectional_result(sections, weights=LABOUR)
    at_least_half = sectional_result(sections, weights=LABOUR, strict=False)

    assert simple.share == HALF
    assert simple.carried is False
    assert simple.reason.startswith("Not carried: 50% for, and the motion needed more than a half.")
    assert at_least_half.carried is True


def test_sectional_two_thirds_reached_exactly():
    # 2/3 and 2/3 -> 2/3: at least two thirds carries, more than two thirds does not.
    sections = [SectionVote("CLPs", 20, 10), SectionVote("affiliates", 200, 100)]

    at_least = sectional_result(sections, weights=LABOUR, majority=TWO_THIRDS, strict=False)
    more_than = sectional_result(sections, weights=LABOUR, majority=TWO_THIRDS, strict=True)

    assert at_least.share == TWO_THIRDS
    assert at_least.carried is True
    assert at_least.reason.startswith("Carried: 66.666…% for, and the motion needed at least 2/3")
    assert more_than.carried is False


def test_sectional_three_sections_with_unequal_weights():
    # 1/2 * 1/2 + 1/4 * 1 + 1/4 * 0 = 1/4 + 1/4 = 1/2: falls.
    sections = [SectionVote("CLPs", 5, 5), SectionVote("unions", 9, 0), SectionVote("soc", 0, 4)]
    weights = {"CLPs": HALF, "unions": Fraction(1, 4), "soc": Fraction(1, 4)}

    result = sectional_result(sections, weights=weights)

    assert result.share == HALF
    assert result.carried is False


def test_sectional_silent_section_is_left_out_and_others_scaled_up():
    # Affiliates cast nothing for or against: the CLPs' 3/5 is the whole result.
    sections = [SectionVote("CLPs", 30, 20), SectionVote("affiliates", 0, 0, 7)]

    result = sectional_result(sections, weights=LABOUR)

    assert result.share == Fraction(3, 5)
    assert result.carried is True
    affiliates = result.sections[1]
    assert affiliates.share is None
    assert affiliates.counted == 0
    assert result.sections[0].counted == 1
    assert result.reason.endswith("CLPs: 60% for, weighing 1; affiliates: cast nothing, left out.")


def test_sectional_abstaining_section_counts_against_when_abstentions_count():
    # With abstentions counted, the affiliates' 7 abstentions are a share of 0:
    # 1/2 * 3/5 + 1/2 * 0 = 3/10.
    sections = [SectionVote("CLPs", 30, 20), SectionVote("affiliates", 0, 0, 7)]

    result = sectional_result(sections, weights=LABOUR, abstentions_count=True)

    assert result.share == Fraction(3, 10)
    assert result.carried is False


def test_sectional_nothing_cast_anywhere_does_not_carry():
    sections = [SectionVote("CLPs", 0, 0, 3), SectionVote("affiliates", 0, 0)]

    result = sectional_result(sections, weights=LABOUR)

    assert result.share is None
    assert result.carried is False
    assert result.reason == (
        "Not carried: no section cast anything on its base, and the motion needed more than a half."
    )


def test_sectional_accepts_split_card_fractions():
    # CLPs 1000/3 for, 2000/3 against: 1/3. Affiliates 7 for, 0 against: 1.
    # 1/2 * 1/3 + 1/2 * 1 = 2/3.
    sections = [
        SectionVote("CLPs", Fraction(1000, 3), Fraction(2000, 3)),
        SectionVote("affiliates", 7, 0),
    ]

    assert sectional_result(sections, weights=LABOUR).share == TWO_THIRDS


@pytest.mark.parametrize(
    ("sections", "weights", "message"),
    [
        (A_AND_B, {"A": HALF, "B": Fraction(1, 3)}, "add up to 1, not 5/6"),
        (A_AND_B, {"A": 1, "B": 0}, "'B' must be a Fraction more than 0"),
        (A_AND_B, {"A": 0.5, "B": 0.5}, "'A' must be a Fraction"),
        (A_AND_B, {"A": 1}, "no weight for B"),
        ([SectionVote("A", 1, 0)], {"A": HALF, "C": HALF}, "a weight for no section: C"),
        ([SectionVote("A", 1, 0), SectionVote("A", 1, 0)], {"A": 1}, "'A' is named twice"),
        ([SectionVote("A", -1, 0)], {"A": 1}, "the yes vote of 'A' cannot be negative"),
        ([SectionVote("A", 1, 0.5)], {"A": 1}, "the no vote of 'A' must be a whole number"),
        ([SectionVote("", 1, 0)], {"": 1}, "a section needs a name"),
        ([], {}, "at least one section"),
    ],
)
def test_sectional_refuses_invalid_input(sections, weights, message):
    with pytest.raises(ElectionError, match=message):
        sectional_result(sections, weights=weights)


def test_sectional_refuses_impossible_majority():
    with pytest.raises(ElectionError, match="more than the whole"):
        sectional_result([SectionVote("A", 1, 0)], weights={"A": 1}, majority=Fraction(1))


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (Fraction(23, 40), "57.5%"),
        (HALF, "50%"),
        (TWO_THIRDS, "66.666…%"),
        (Fraction(1, 3), "33.333…%"),
        (Fraction(1, 8), "12.5%"),
        (Fraction(1), "100%"),
        (Fraction(0), "0%"),
        (Fraction(1, 2) + Fraction(1, 10**7), "50.000…%"),
    ],
)
def test_percent_words_cut_off_never_round_up(share, words):
    assert percent_words(share) == words


# The double majority.


def test_double_majority_blocked_by_one_section_though_the_floor_has_a_majority():
    # East 30 for 20 against carries; west 14 for 16 against does not. Pooled 44 to 36 would
    # carry, but the double majority is blocked by the west.
    sections = [SectionVote("east", 30, 20), SectionVote("west", 14, 16)]

    result = double_majority(sections)

    assert result.carried is False
    assert result.blocked_by == ("west",)
    assert [s.decision.carried for s in result.sections] == [True, False]
    assert result.reason == (
        "Not carried: blocked by west; the motion needed more than a half in each section. "
        "west: Not carried: 14 for, and the motion needed more than a half of the 30 voting "
        "for or against (more than 15)."
    )
    assert decide_motion(yes=44, no=36).carried is True


def test_double_majority_carries_with_a_majority_in_each_section():
    result = double_majority([SectionVote("east", 11, 10), SectionVote("west", 40, 1, 30)])

    assert result.carried is True
    assert result.blocked_by == ()
    assert result.reason == "Carried: more than a half in each section (east and west)."


def test_double_majority_tie_in_a_section_blocks():
    result = double_majority([SectionVote("east", 50, 0), SectionVote("west", 10, 10)])

    assert result.carried is False
    assert result.blocked_by == ("west",)


def test_double_majority_names_every_section_that_blocked():
    sections = [SectionVote("north", 1, 2), SectionVote("south", 5, 1), SectionVote("west", 0, 0)]

    result = double_majority(sections, majority=TWO_THIRDS, strict=False)

    assert result.blocked_by == ("north", "west")
    assert result.reason.startswith("Not carried: blocked by north and west;")


def test_double_majority_needs_two_sections():
    with pytest.raises(ElectionError, match="two sections or more"):
        double_majority([SectionVote("east", 3, 1)])


# The women's vote.


def test_womens_vote_majority_against_is_a_suspensive_veto():
    result = womens_vote(yes=3, no=7)

    assert result.veto is True
    assert result.decision.carried is False
    assert result.reason == (
        "Suspensive veto: 7 women against, more than a half of the 10 women voting for or "
        "against (more than 5); the proposal returns at the next conference."
    )


def test_womens_vote_tie_is_no_veto():
    result = womens_vote(yes=5, no=5)

    assert result.veto is False
    assert result.decision.carried is False
    assert result.reason == (
        "No veto: 5 women against, and a veto needed more than a half of the 10 women voting "
        "for or against (more than 5)."
    )


def test_womens_vote_tie_is_no_veto_even_under_at_least_half():
    result = womens_vote(yes=5, no=5, strict=False)

    assert result.veto is False
    assert result.against.carried is True
    assert result.reason == (
        "No veto: the women are tied, 5 for and 5 against, and a tie is no majority against."
    )


def test_womens_vote_for_is_no_veto():
    result = womens_vote(yes=6, no=4, abstain=9)

    assert result.veto is False
    assert result.decision.carried is True


def test_womens_vote_abstentions_counted_can_prevent_a_veto():
    # 5 against of 3 + 5 + 3 = 11 voting: more than 5 1/2 needed, so no veto; with
    # abstentions not counted, 5 of 8 is a veto.
    counted = womens_vote(yes=3, no=5, abstain=3, abstentions_count=True)
    not_counted = womens_vote(yes=3, no=5, abstain=3)

    assert counted.veto is False
    assert counted.reason.endswith("(more than 5 1/2).")
    assert not_counted.veto is True


def test_womens_vote_with_nobody_voting_is_no_veto():
    assert womens_vote(yes=0, no=0).veto is False


def test_womens_vote_refuses_negative_votes():
    with pytest.raises(ElectionError, match="the no vote cannot be negative"):
        womens_vote(yes=1, no=-2)


# Properties.

weights = st.fractions(min_value=0, max_value=10_000).filter(lambda w: w >= 0)
figures = st.one_of(st.integers(0, 10_000), weights)


@st.composite
def sectional_floors(draw: st.DrawFn) -> tuple[list[SectionVote], dict[str, Fraction]]:
    n = draw(st.integers(1, 5))
    sections = [SectionVote(f"S{i}", draw(figures), draw(figures), draw(figures)) for i in range(n)]
    raw = [draw(st.integers(1, 20)) for _ in range(n)]
    return sections, {s.name: Fraction(r, sum(raw)) for s, r in zip(sections, raw, strict=True)}


majorities = st.sampled_from(
    [(HALF, True), (HALF, False), (TWO_THIRDS, False), (Fraction(3, 5), True)]
)


@given(sectional_floors(), st.booleans(), majorities)
def test_sectional_share_is_between_0_and_1_and_decides_as_the_majority_says(
    floor, abstentions_count, majority
):
    sections, section_weights = floor
    share_needed, strict = majority

    result = sectional_result(
        sections,
        weights=section_weights,
        majority=share_needed,
        strict=strict,
        abstentions_count=abstentions_count,
    )

    if result.share is None:
        assert result.carried is False
    else:
        assert 0 <= result.share <= 1
        expected = result.share > share_needed if strict else result.share >= share_needed
        assert result.carried is (expected and result.share > 0)
        assert sum(s.counted for s in result.sections) == 1
    for part in result.sections:
        assert part.share is None or 0 <= part.share <= 1


@given(sectional_floors())
def test_sectional_share_lies_between_the_sections_shares(floor):
    sections, section_weights = floor

    result = sectional_result(sections, weights=section_weights)

    shares = [s.share for s in result.sections if s.share is not None]
    if shares:
        assert min(shares) <= result.share <= max(shares)


@given(sectional_floors(), st.randoms(use_true_random=False))
def test_sectional_order_of_sections_changes_nothing(floor, rnd: random.Random):
    sections, section_weights = floor
    shuffled = sections[:]
    rnd.shuffle(shuffled)

    result = sectional_result(sections, weights=section_weights)
    again = sectional_result(shuffled, weights=section_weights)

    assert (result.share, result.carried) == (again.share, again.carried)


@st.composite
def sections_of(draw: st.DrawFn) -> list[SectionVote]:
    n = draw(st.integers(2, 5))
    return [SectionVote(f"S{i}", draw(figures), draw(figures), draw(figures)) for i in range(n)]


@given(sections_of(), majorities, st.booleans())
def test_double_majority_is_a_majority_in_each_section(sections, majority, abstentions_count):
    share_needed, strict = majority
    rules = {"majority": share_needed, "strict": strict, "abstentions_count": abstentions_count}

    result = double_majority(sections, **rules)

    each = [decide_motion(yes=s.yes, no=s.no, abstain=s.abstain, **rules) for s in sections]
    assert result.carried is all(d.carried for d in each)
    assert result.blocked_by == tuple(
        s.name for s, d in zip(sections, each, strict=True) if not d.carried
    )


@given(sections_of(), st.booleans())
def test_double_majority_implies_a_majority_of_the_whole_floor(sections, abstentions_count):
    result = double_majority(sections, abstentions_count=abstentions_count)

    if result.carried:
        pooled = decide_motion(
            yes=sum(s.yes for s in sections),
            no=sum(s.no for s in sections),
            abstain=sum(s.abstain for s in sections),
            abstentions_count=abstentions_count,
        )
        assert pooled.carried is True


@given(sections_of(), st.randoms(use_true_random=False))
def test_double_majority_order_of_sections_changes_nothing(sections, rnd: random.Random):
    shuffled = sections[:]
    rnd.shuffle(shuffled)

    result = double_majority(sections)
    again = double_majority(shuffled)

    assert result.carried is again.carried
    assert set(result.blocked_by) == set(again.blocked_by)


@given(figures, figures, figures, majorities)
def test_womens_vote_veto_needs_more_women_against_than_for(yes, no, abstain, majority):
    share_needed, strict = majority

    result = womens_vote(yes=yes, no=no, abstain=abstain, majority=share_needed, strict=strict)

    if result.veto:
        assert no > yes
        assert result.decision.carried is False
