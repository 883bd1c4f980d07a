"""Deciding a motion: yes, no, abstain, a majority and perhaps a quorum.

Rule books word majorities in several ways, and the difference decides close votes: "more votes
for than against" (a simple majority), "more than half of those voting" (abstentions then count
against), "more than half of the membership" (an absolute majority of the electorate), "at least
two thirds". `decide_motion` takes the wording apart into its parts - the share, whether it must
be exceeded or only reached, what the share is taken of, and what makes the meeting quorate -
so each rule book's wording is one call, and the result says in plain words why the motion
passed or failed.

Every figure is a weight: one per member in a show of hands, a card vote's size in a delegate
conference - a whole number, or a `Fraction` where a delegation's card is split among its
delegates (see `card_vote`). Arithmetic is exact, so "exactly two thirds" is never lost to
rounding, and a float, which cannot say 1/3 exactly, is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ._errors import ElectionError
from ._model import Election
from ._report import Report, Stage

MajorityOf = Literal["voting", "electorate", "present"]

# A vote's weight: a headcount or a card (int), or a share of a split card (Fraction).
Weight = int | Fraction

_YES, _NO, _ABSTAIN = "yes", "no", "abstain"


@dataclass(frozen=True, slots=True)
class MotionResult:
    """The outcome of a motion, with every figure that decided it.

    `threshold` is the share times the base (the figure `yes` had to exceed, or reach when the
    majority is not strict); `base` is what the share was taken of; `quorum_needed` is the
    turnout the meeting needed (None without a quorum) and `turnout` what it had. The figures
    are whole numbers when the weights given were, `Fraction`s when a split card made them so.
    """

    carried: bool
    quorate: bool
    yes: Weight
    no: Weight
    abstain: Weight
    majority: Fraction
    strict: bool
    base: Weight
    threshold: Fraction
    quorum_needed: Fraction | None
    turnout: Weight
    reason: str


def decide_motion(
    *,
    yes: Weight,
    no: Weight,
    abstain: Weight = 0,
    majority: Fraction = Fraction(1, 2),
    strict: bool = True,
    abstentions_count: bool = False,
    electorate: int | None = None,
    quorum: int | Fraction | None = None,
    quorum_counts_abstentions: bool = True,
    majority_of: MajorityOf = "voting",
    turnout: Weight | None = None,
    present: Weight | None = None,
) -> MotionResult:
    """Decide a motion from the weights cast for, against and abstaining.

    The motion carries when `yes` is more than (`strict`) or at least (not `strict`) `majority`
    of the base, the meeting is quorate, and at least some weight was cast for it. The base is:

    - with `majority_of="voting"` (the default): yes + no, plus abstain when
      `abstentions_count` (then an abstention weighs like a vote against);
    - with `majority_of="electorate"`: the whole `electorate`, however many voted;
    - with `majority_of="present"`: the weight `present` in the hall, so that one present who
      did not vote counts as a vote against ("two thirds of those present").

    So a simple majority is the default (more yes than no); "more than half of those voting"
    is `abstentions_count=True`; an absolute majority of the membership is
    `majority_of="electorate", electorate=N`; "at least two thirds" is
    `majority=Fraction(2, 3), strict=False`, "of those present" adding
    `majority_of="present", present=N`.

    How ties fall: `yes` exactly at the threshold carries only when the majority is not strict.
    So under a simple majority (more than half, strict) a tie of yes and no falls; under "at
    least half" (`majority=Fraction(1, 2), strict=False`, what a rule book writing "50%"
    means) the same tie carries, because that is what the words say. A chair's casting vote
    is the rules' business, not arithmetic: give it as one more vote.

    The weights `yes`, `no`, `abstain`, `turnout` and `present` are whole numbers or
    `Fraction`s (a split card vote); the result keeps whichever was given.

    A quorum is a number (`int`: the headcount or weight needed) or a share of the electorate
    (`Fraction`, between 0 and 1, which needs `electorate`); it is reached when the turnout is
    at least the quorum. The turnout is yes + no, plus abstain when
    `quorum_counts_abstentions`, unless `turnout` is given: pass it when the quorum is measured
    differently from the vote, e.g. members present for a card vote decided by weight.

    Raises `ElectionError` for a negative or inexact (float) figure, a share outside (0, 1]
    (or a strict majority of the whole, which nothing can reach), a base or quorum that needs
    the electorate (or those present) without it, or fewer present than voted.
    """
    for label, figure in (("yes", yes), ("no", no), ("abstain", abstain)):
        check_weight(f"the {label} vote", figure)
    check_majority(majority, strict)
    if electorate is not None:
        check_weight("the electorate", electorate)
    if turnout is not None:
        check_weight("the turnout", turnout)
    if present is not None:
        check_weight("the weight present", present)
        if present < yes + no + abstain:
            raise ElectionError(
                f"fewer present ({figure_words(present)}) than voted "
                f"({figure_words(yes + no + abstain)})"
            )

    base = _base(yes, no, abstain, abstentions_count, majority_of, electorate, present)
    threshold = majority * base
    quorum_needed = _quorum_needed(quorum, electorate)
    if turnout is None:
        turnout = yes + no + (abstain if quorum_counts_abstentions else 0)
    quorate = quorum_needed is None or turnout >= quorum_needed
    carried = quorate and reached(yes, threshold, strict) and yes > 0

    reason = _reason(
        carried=carried,
        quorate=quorate,
        yes=yes,
        threshold=threshold,
        strict=strict,
        majority=majority,
        base_words=_base_words(base, abstentions_count, majority_of),
        quorum_needed=quorum_needed,
        turnout=turnout,
    )
    return MotionResult(
        carried=carried,
        quorate=quorate,
        yes=yes,
        no=no,
        abstain=abstain,
        majority=majority,
        strict=strict,
        base=base,
        threshold=threshold,
        quorum_needed=quorum_needed,
        turnout=turnout,
        reason=reason,
    )


def count_motion(election: Election, *, seed: str | None = None) -> Report:
    """Count a motion held as a ballot whose options are Yes, No and (optionally) Abstain.

    The options are matched by name, in any letter case and any order. Each paper counts for
    the option it ranks first; a paper that ranks nothing, or ranks two options equal first,
    is void (shown as non-transferable). The motion is decided by a simple majority (more yes
    than no, abstentions not counted, no quorum): for any other rule, call `decide_motion` with
    the totals. The report's `elected` holds the option that prevailed - Yes when carried,
    No otherwise (a tie does not carry) - and `details` the full decision. `seed` is accepted
    for a uniform signature; a motion never draws lots.
    """
    options = _options(election)
    totals = {_YES: 0, _NO: 0, _ABSTAIN: 0}
    void = 0
    for ballot in election.ballots:
        if ballot.weight <= 0:
            raise ElectionError(f"a ballot's weight must be positive, not {ballot.weight}")
        first = ballot.ranking[0] if ballot.ranking else ()
        if len(first) == 1:
            totals[options[first[0]]] += ballot.weight
        else:
            void += ballot.weight

    result = decide_motion(yes=totals[_YES], no=totals[_NO], abstain=totals[_ABSTAIN])
    index = {option: c for c, option in options.items()}
    outcome = index[_YES] if result.carried else index[_NO]
    votes = tuple(totals[options[c]] for c in range(len(election.candidates)))
    stage = Stage(
        number=1,
        action="first",
        action_candidates=(),
        votes=votes,
        non_transferable=void,
        elected=(outcome,),
        note=result.reason,
    )
    return Report(
        method="motion",
        candidates=election.candidates,
        seats=1,
        precision=0,
        elected=[outcome],
        stages=[stage],
        seed=seed,
        title=election.title,
        details={
            "carried": result.carried,
            "quorate": result.quorate,
            "yes": result.yes,
            "no": result.no,
            "abstain": result.abstain,
            "void": void,
            "majority": str(result.majority),
            "strict": result.strict,
            "base": result.base,
            "threshold": str(result.threshold),
            "reason": result.reason,
        },
    )


def check_weight(label: str, value: object) -> None:
    """Refuse a weight that is negative or not exact (a float, a string, a bool).

    Shared with the card vote and the sectional result, so every figure of the floor is
    checked by the same words.
    """
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise ElectionError(f"{label} must be a whole number or a Fraction, not {value!r}")
    if value < 0:
        raise ElectionError(f"{label} cannot be negative ({value})")


def check_majority(majority: Fraction, strict: bool) -> None:
    """Refuse a majority no vote could meet, or one that is not a share."""
    if not isinstance(majority, int | Fraction) or not 0 < majority <= 1:
        raise ElectionError(f"a majority must be a share between 0 and 1, not {majority}")
    if strict and majority == 1:
        raise ElectionError("more than the whole can never be reached: use strict=False")


def reached(figure: Weight, threshold: Fraction, strict: bool) -> bool:
    """Whether `figure` meets `threshold`: exceeds it when `strict`, reaches it otherwise.

    This is where ties fall: a figure exactly at the threshold carries only when not strict.
    """
    return figure > threshold if strict else figure >= threshold


def majority_words(majority: Fraction, strict: bool) -> str:
    """ "more than a half", "at least 2/3": a majority as a rule book words it."""
    share = "a half" if majority == Fraction(1, 2) else f"{majority}"
    return f"{'more than' if strict else 'at least'} {share}"


def _base(
    yes: Weight,
    no: Weight,
    abstain: Weight,
    abstentions_count: bool,
    majority_of: MajorityOf,
    electorate: int | None,
    present: Weight | None,
) -> Weight:
    if majority_of == "electorate":
        if electorate is None:
            raise ElectionError("a majority of the electorate needs the electorate's size")
        return electorate
    if majority_of == "present":
        if present is None:
            raise ElectionError("a majority of those present needs the weight present")
        return present
    if majority_of != "voting":
        raise ElectionError(
            f"a majority is of 'voting', 'electorate' or 'present', not {majority_of!r}"
        )
    return yes + no + (abstain if abstentions_count else 0)


def _quorum_needed(quorum: int | Fraction | None, electorate: int | None) -> Fraction | None:
    if quorum is None:
        return None
    if isinstance(quorum, Fraction):
        if not 0 <= quorum <= 1:
            raise ElectionError(f"a quorum given as a share must be between 0 and 1: {quorum}")
        if electorate is None:
            raise ElectionError("a quorum given as a share needs the electorate's size")
        return quorum * electorate
    if quorum < 0:
        raise ElectionError(f"a quorum cannot be negative ({quorum})")
    return Fraction(quorum)


def _base_words(base: Weight, abstentions_count: bool, majority_of: MajorityOf) -> str:
    if majority_of == "electorate":
        return f"the electorate of {figure_words(base)}"
    if majority_of == "present":
        return f"the {figure_words(base)} present"
    if abstentions_count:
        return f"the {figure_words(base)} voting, abstentions included"
    return f"the {figure_words(base)} voting for or against"


def figure_words(value: Weight) -> str:
    """A figure as people write it: 30, or 30 2/3."""
    value = Fraction(value)
    whole, part = divmod(value.numerator, value.denominator)
    if part == 0:
        return str(whole)
    return f"{whole} {part}/{value.denominator}" if whole else f"{part}/{value.denominator}"


def _reason(
    *,
    carried: bool,
    quorate: bool,
    yes: Weight,
    threshold: Fraction,
    strict: bool,
    majority: Fraction,
    base_words: str,
    quorum_needed: Fraction | None,
    turnout: Weight,
) -> str:
    if not quorate and quorum_needed is not None:
        return (
            f"Not quorate: {figure_words(turnout)} took part and the quorum is "
            f"{figure_words(quorum_needed)}, so the motion falls."
        )
    rule = f"{majority_words(majority, strict)} of {base_words}"
    needed = f"{'more than' if strict else 'at least'} {figure_words(threshold)}"
    if carried:
        return f"Carried: {figure_words(yes)} for, and the motion needed {rule} ({needed})."
    if yes == 0:
        return f"Not carried: nothing was cast for the motion, which needed {rule}."
    return f"Not carried: {figure_words(yes)} for, and the motion needed {rule} ({needed})."


def _options(election: Election) -> dict[int, str]:
    """Map each candidate number to "yes", "no" or "abstain", or say why the ballot is wrong."""
    names = [name.strip().casefold() for name in election.candidates]
    allowed = ({_YES, _NO}, {_YES, _NO, _ABSTAIN})
    if len(names) != len(set(names)) or set(names) not in allowed:
        raise ElectionError(
            "a motion's options are Yes and No, and optionally Abstain, "
            f"not {', '.join(election.candidates)}"
        )
    if election.withdrawn:
        raise ElectionError("an option of a motion cannot be withdrawn")
    return dict(enumerate(names))
