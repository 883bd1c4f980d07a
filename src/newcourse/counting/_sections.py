"""Votes taken by section: a weighted sectional result, a double majority, the women's vote.

Some conferences do not add the floor's votes up as one. Each rule here takes the yes, no and
abstain of each section (a card vote's totals, or a show of hands) and decides as the rules
say, with the same arithmetic as `decide_motion` - the same majorities, the same fall of a
tie - so that a motion decided one way or the other reads alike.

- A sectional result gives each section a fixed weight, whatever its size. The UK Labour
  Party's conference weighs CLPs and affiliates half and half: "Affiliates and CLP votes are
  counted separately, normalised as percentages and then added together"
  (https://davelevy.info/whos-missing/); "each CLP and union casts the exact number of votes
  for the people they represent, and these sets of votes are then weighted so both represent
  half of the total" (https://labourunions.org.uk/conference).
- A double majority needs a majority in each section, as a Swiss constitutional amendment
  needs "a majority of those who vote and a majority of the Cantons" (Federal Constitution,
  art. 142(2), https://www.droit-bilingue.ch/rs/lex/1999/53/19995395-a142-en-de.html): here,
  a majority in each of the sections the rules name (east and west, say).
- A women's vote is taken among the women delegates before the main vote. In the German
  Greens' Frauenstatut (§ 3), "the majority of the women ... has a right of veto with
  suspensive effect": a proposal the women reject can only come back at the next conference
  (https://antraege.gruene.de/50bdk/Frauenstatut-3-Frauenabstimmung-und-Vetorecht-46044/18974).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ._errors import ElectionError
from ._motion import (
    MotionResult,
    Weight,
    check_majority,
    check_weight,
    decide_motion,
    figure_words,
    majority_words,
    reached,
)

HALF = Fraction(1, 2)


@dataclass(frozen=True, slots=True)
class SectionVote:
    """What one section of the floor cast: weights (whole, or Fractions from a split card)."""

    name: str
    yes: Weight
    no: Weight
    abstain: Weight = 0


@dataclass(frozen=True, slots=True)
class SectionShare:
    """One section's part in a sectional result.

    `share` is yes / base, the base being yes + no (plus abstain when abstentions count);
    None when the base is nothing. `weight` is the rules' weight of the section, `counted` the
    weight it carried in the end: its weight scaled up so the sections that cast something
    make the whole, 0 when it cast nothing.
    """

    name: str
    weight: Fraction
    yes: Weight
    no: Weight
    abstain: Weight
    base: Weight
    share: Fraction | None
    counted: Fraction


@dataclass(frozen=True, slots=True)
class SectionalResult:
    """A sectional result: the combined share, each section's part, and why it carried or not.

    `share` is Σ counted · share over the sections, between 0 and 1; None when no section cast
    anything on the base.
    """

    carried: bool
    share: Fraction | None
    majority: Fraction
    strict: bool
    sections: tuple[SectionShare, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class SectionDecision:
    """One section's decision in a double majority."""

    name: str
    decision: MotionResult


@dataclass(frozen=True, slots=True)
class DoubleMajority:
    """A double majority: carried only if every section carried; `blocked_by` names the
    sections that did not, in the order given."""

    carried: bool
    sections: tuple[SectionDecision, ...]
    blocked_by: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class WomensVote:
    """The women's vote before the main vote.

    `veto` is True when the women's majority is against: then the proposal cannot be decided
    at this conference, whatever the main vote, and returns at the next. `decision` is the
    women's vote read as a motion (what the women recommend); `against` is the same vote with
    the sides swapped, whose threshold the figure `no` had to pass (its `carried` is the veto,
    but for a tie under "at least half", which is no veto).
    """

    veto: bool
    decision: MotionResult
    against: MotionResult
    reason: str


def sectional_result(
    sections: Sequence[SectionVote],
    *,
    weights: Mapping[str, Fraction],
    majority: Fraction = HALF,
    strict: bool = True,
    abstentions_count: bool = False,
) -> SectionalResult:
    """Combine the sections' results by fixed weights: share = Σ w_s · yes_s / base_s.

    `weights` maps each section's name to its weight: Fractions (or the whole number 1), each
    more than 0, adding up to exactly 1 (Labour: `{"CLPs": Fraction(1, 2), "affiliates":
    Fraction(1, 2)}`). A section's base is yes + no, plus abstain when `abstentions_count`.

    A section that cast nothing on its base has no share: it is left out and the weights of
    the others are scaled up to make the whole, so that a silent section neither carries the
    motion nor blocks it - as abstentions count for neither side in a simple majority. If no
    section cast anything, the motion is not carried.

    The motion carries when the combined share is more than (`strict`) or at least `majority`;
    so a share of exactly a half falls under a simple majority and carries under "at least
    half".

    Raises `ElectionError` for a section named twice, a weight for no section or a section
    without a weight, weights that are not exact, not positive or do not add up to 1, and the
    figures `decide_motion` refuses.
    """
    check_majority(majority, strict)
    names = _names(sections)
    if set(weights) != set(names):
        missing = sorted(set(names) - set(weights))
        extra = sorted(set(weights) - set(names))
        said = [f"no weight for {', '.join(missing)}"] if missing else []
        said += [f"a weight for no section: {', '.join(extra)}"] if extra else []
        raise ElectionError("; ".join(said))
    for name in names:
        weight = weights[name]
        if isinstance(weight, bool) or not isinstance(weight, int | Fraction) or weight <= 0:
            raise ElectionError(
                f"the weight of {name!r} must be a Fraction more than 0, not {weight!r}"
            )
    total = sum((Fraction(weights[name]) for name in names), Fraction(0))
    if total != 1:
        raise ElectionError(f"the sections' weights must add up to 1, not {total}")

    bases = [_base(s, abstentions_count) for s in sections]
    voting = sum(
        (Fraction(weights[s.name]) for s, base in zip(sections, bases, strict=True) if base),
        Fraction(0),
    )
    parts = tuple(
        _share(s, Fraction(weights[s.name]), base, voting)
        for s, base in zip(sections, bases, strict=True)
    )
    share = (
        sum((p.counted * p.share for p in parts if p.share is not None), Fraction(0))
        if voting
        else None
    )
    carried = share is not None and share > 0 and reached(share, majority, strict)
    return SectionalResult(
        carried=carried,
        share=share,
        majority=majority,
        strict=strict,
        sections=parts,
        reason=_sectional_reason(carried, share, majority, strict, parts),
    )


def double_majority(
    sections: Sequence[SectionVote],
    *,
    majority: Fraction = HALF,
    strict: bool = True,
    abstentions_count: bool = False,
) -> DoubleMajority:
    """Decide the motion in each section by the same majority; carried only if all carry.

    Each section is decided by `decide_motion` (so a tie within a section falls under a
    simple majority, and a section that cast nothing for the motion blocks it). With a base
    of those voting, a majority in every section is also a majority of the whole floor.

    Raises `ElectionError` for fewer than two sections, a section named twice, or the figures
    `decide_motion` refuses.
    """
    names = _names(sections)
    if len(names) < 2:
        raise ElectionError("a double majority needs two sections or more")
    decided = tuple(
        SectionDecision(
            s.name,
            decide_motion(
                yes=s.yes,
                no=s.no,
                abstain=s.abstain,
                majority=majority,
                strict=strict,
                abstentions_count=abstentions_count,
            ),
        )
        for s in sections
    )
    blocked = tuple(d.name for d in decided if not d.decision.carried)
    rule = majority_words(majority, strict)
    if blocked:
        why = " ".join(f"{d.name}: {d.decision.reason}" for d in decided if d.name in blocked)
        reason = (
            f"Not carried: blocked by {_listed(blocked)}; the motion needed {rule} in each "
            f"section. {why}"
        )
    else:
        reason = f"Carried: {rule} in each section ({_listed(names)})."
    return DoubleMajority(carried=not blocked, sections=decided, blocked_by=blocked, reason=reason)


def womens_vote(
    *,
    yes: Weight,
    no: Weight,
    abstain: Weight = 0,
    majority: Fraction = HALF,
    strict: bool = True,
    abstentions_count: bool = False,
) -> WomensVote:
    """Decide the women's vote: a suspensive veto when the women's majority is against.

    The veto needs the majority against, by the same rule as a motion: under a simple
    majority, more women against than for. A tie among the women is never a veto, even where
    the majority is "at least half": the proposal goes to the main vote. When the main vote
    carries and the women vetoed, the proposal is not adopted and returns at the next
    conference; when the main vote does not carry, the veto changes nothing.

    Raises `ElectionError` for the figures `decide_motion` refuses.
    """
    decision, against = (
        decide_motion(
            yes=side,
            no=other,
            abstain=abstain,
            majority=majority,
            strict=strict,
            abstentions_count=abstentions_count,
        )
        for side, other in ((yes, no), (no, yes))
    )
    needed = f"{'more than' if strict else 'at least'} {figure_words(against.threshold)}"
    voting = "abstentions included" if abstentions_count else "for or against"
    rule = (
        f"{majority_words(majority, strict)} of the {figure_words(against.base)} women voting "
        f"{voting} ({needed})"
    )
    # A tie is never a veto: under "at least half" the against side reaches its threshold on
    # a tie, but the women are then not against the proposal.
    veto = against.carried and no > yes
    if veto:
        reason = (
            f"Suspensive veto: {figure_words(no)} women against, {rule}; the proposal returns "
            "at the next conference."
        )
    elif against.carried:
        reason = (
            f"No veto: the women are tied, {figure_words(no)} for and {figure_words(no)} "
            "against, and a tie is no majority against."
        )
    else:
        reason = f"No veto: {figure_words(no)} women against, and a veto needed {rule}."
    return WomensVote(veto=veto, decision=decision, against=against, reason=reason)


def _names(sections: Sequence[SectionVote]) -> list[str]:
    if not sections:
        raise ElectionError("a vote by sections needs at least one section")
    names: list[str] = []
    for section in sections:
        if not isinstance(section.name, str) or not section.name.strip():
            raise ElectionError(f"a section needs a name, not {section.name!r}")
        if section.name in names:
            raise ElectionError(f"the section {section.name!r} is named twice")
        for label, figure in (("yes", section.yes), ("no", section.no)):
            check_weight(f"the {label} vote of {section.name!r}", figure)
        check_weight(f"the abstain vote of {section.name!r}", section.abstain)
        names.append(section.name)
    return names


def _base(section: SectionVote, abstentions_count: bool) -> Weight:
    return section.yes + section.no + (section.abstain if abstentions_count else 0)


def _share(section: SectionVote, weight: Fraction, base: Weight, voting: Fraction) -> SectionShare:
    return SectionShare(
        name=section.name,
        weight=weight,
        yes=section.yes,
        no=section.no,
        abstain=section.abstain,
        base=base,
        share=Fraction(section.yes) / base if base else None,
        counted=weight / voting if base else Fraction(0),
    )


def _sectional_reason(
    carried: bool,
    share: Fraction | None,
    majority: Fraction,
    strict: bool,
    parts: tuple[SectionShare, ...],
) -> str:
    rule = majority_words(majority, strict)
    if share is None:
        return f"Not carried: no section cast anything on its base, and the motion needed {rule}."
    each = "; ".join(
        f"{p.name}: {percent_words(p.share)} for, weighing {p.counted}"
        if p.share is not None
        else f"{p.name}: cast nothing, left out"
        for p in parts
    )
    verdict = "Carried" if carried else "Not carried"
    return f"{verdict}: {percent_words(share)} for, and the motion needed {rule}. {each}."


def percent_words(share: Fraction) -> str:
    """A share as a percentage to three places: 52.345%, or 66.666…% when it goes on.

    The places beyond the third are cut off, never rounded, so a share just short of a
    threshold never reads as reaching it.
    """
    thousandths = share * 100_000
    whole = thousandths.numerator // thousandths.denominator
    text = f"{whole // 1000}.{whole % 1000:03d}"
    if whole != thousandths:
        return f"{text}…%"
    return text.rstrip("0").rstrip(".") + "%"


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
