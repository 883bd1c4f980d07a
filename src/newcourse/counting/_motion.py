"""Deciding a motion: yes, no, abstain, a majority and perhaps a quorum.

Rule books word majorities in several ways, and the difference decides close votes: "more votes
for than against" (a simple majority), "more than half of those voting" (abstentions then count
against), "more than half of the membership" (an absolute majority of the electorate), "at least
two thirds". `decide_motion` takes the wording apart into its parts - the share, whether it must
be exceeded or only reached, what the share is taken of, and what makes the meeting quorate -
so each rule book's wording is one call, and the result says in plain words why the motion
passed or failed.

Every figure is a weight: one per member in a show of hands, a card vote's size in a delegate
conference. Arithmetic is exact (`Fraction`), so "exactly two thirds" is never lost to rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ._errors import ElectionError
from ._model import Election
from ._report import Report, Stage

MajorityOf = Literal["voting", "electorate"]

_YES, _NO, _ABSTAIN = "yes", "no", "abstain"


@dataclass(frozen=True, slots=True)
class MotionResult:
    """The outcome of a motion, with every figure that decided it.

    `threshold` is the share times the base (the figure `yes` had to exceed, or reach when the
    majority is not strict); `base` is what the share was taken of; `quorum_needed` is the
    turnout the meeting needed (None without a quorum) and `turnout` what it had.
    """

    carried: bool
    quorate: bool
    yes: int
    no: int
    abstain: int
    majority: Fraction
    strict: bool
    base: int
    threshold: Fraction
    quorum_needed: Fraction | None
    turnout: int
    reason: str


def decide_motion(
    *,
    yes: int,
    no: int,
    abstain: int = 0,
    majority: Fraction = Fraction(1, 2),
    strict: bool = True,
    abstentions_count: bool = False,
    electorate: int | None = None,
    quorum: int | Fraction | None = None,
    quorum_counts_abstentions: bool = True,
    majority_of: MajorityOf = "voting",
    turnout: int | None = None,
) -> MotionResult:
    """Decide a motion from the weights cast for, against and abstaining.

    The motion carries when `yes` is more than (`strict`) or at least (not `strict`) `majority`
    of the base, the meeting is quorate, and at least some weight was cast for it. The base is:

    - with `majority_of="voting"` (the default): yes + no, plus abstain when
      `abstentions_count` (then an abstention weighs like a vote against);
    - with `majority_of="electorate"`: the whole `electorate`, however many voted.

    So a simple majority is the default (more yes than no); "more than half of those voting"
    is `abstentions_count=True`; an absolute majority of the membership is
    `majority_of="electorate", electorate=N`; "at least two thirds" is
    `majority=Fraction(2, 3), strict=False`.

    A quorum is a number (`int`: the headcount or weight needed) or a share of the electorate
    (`Fraction`, between 0 and 1, which needs `electorate`); it is reached when the turnout is
    at least the quorum. The turnout is yes + no, plus abstain when
    `quorum_counts_abstentions`, unless `turnout` is given: pass it when the quorum is measured
    differently from the vote, e.g. members present for a card vote decided by weight.

    Raises `ElectionError` for a negative figure, a share outside (0, 1] (or a strict
    majority of the whole, which nothing can reach), or a base or quorum that needs the
    electorate without it.
    """
    for label, figure in (("yes", yes), ("no", no), ("abstain", abstain)):
        if figure < 0:
            raise ElectionError(f"the {label} vote cannot be negative ({figure})")
    if not 0 < majority <= 1:
        raise ElectionError(f"a majority must be a share between 0 and 1, not {majority}")
    if strict and majority == 1:
        raise ElectionError("more than the whole can never be reached: use strict=False")
    if electorate is not None and electorate < 0:
        raise ElectionError(f"the electorate cannot be negative ({electorate})")
    if turnout is not None and turnout < 0:
        raise ElectionError(f"the turnout cannot be negative ({turnout})")

    base = _base(yes, no, abstain, abstentions_count, majority_of, electorate)
    threshold = majority * base
    quorum_needed = _quorum_needed(quorum, electorate)
    if turnout is None:
        turnout = yes + no + (abstain if quorum_counts_abstentions else 0)
    quorate = quorum_needed is None or turnout >= quorum_needed
    reached = yes > threshold if strict else yes >= threshold
    carried = quorate and reached and yes > 0

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


def _base(
    yes: int,
    no: int,
    abstain: int,
    abstentions_count: bool,
    majority_of: MajorityOf,
    electorate: int | None,
) -> int:
    if majority_of == "electorate":
        if electorate is None:
            raise ElectionError("a majority of the electorate needs the electorate's size")
        return electorate
    if majority_of != "voting":
        raise ElectionError(f"a majority is of 'voting' or 'electorate', not {majority_of!r}")
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


def _base_words(base: int, abstentions_count: bool, majority_of: MajorityOf) -> str:
    if majority_of == "electorate":
        return f"the electorate of {base}"
    if abstentions_count:
        return f"the {base} voting, abstentions included"
    return f"the {base} voting for or against"


def _figure(value: Fraction) -> str:
    """A threshold as people write it: 30, or 30 2/3."""
    whole, part = divmod(value.numerator, value.denominator)
    if part == 0:
        return str(whole)
    return f"{whole} {part}/{value.denominator}" if whole else f"{part}/{value.denominator}"


def _reason(
    *,
    carried: bool,
    quorate: bool,
    yes: int,
    threshold: Fraction,
    strict: bool,
    majority: Fraction,
    base_words: str,
    quorum_needed: Fraction | None,
    turnout: int,
) -> str:
    if not quorate and quorum_needed is not None:
        return (
            f"Not quorate: {turnout} took part and the quorum is {_figure(quorum_needed)}, "
            "so the motion falls."
        )
    share = "a half" if majority == Fraction(1, 2) else f"{majority}"
    rule = f"{'more than' if strict else 'at least'} {share} of {base_words}"
    needed = f"{'more than' if strict else 'at least'} {_figure(threshold)}"
    if carried:
        return f"Carried: {yes} for, and the motion needed {rule} ({needed})."
    if yes == 0:
        return f"Not carried: nothing was cast for the motion, which needed {rule}."
    return f"Not carried: {yes} for, and the motion needed {rule} ({needed})."


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
