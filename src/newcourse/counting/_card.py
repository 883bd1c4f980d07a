"""The card vote: each delegation's vote weighted by the members it represents.

A delegate conference counts heads in a show of hands, but on a card vote each delegation
casts a card as large as its membership (the entitlement table of the conference gives the
members and the seats). Two practices, both from the UK Labour Party's conference:

- a delegation that votes as one (an affiliated union; in Labour's priorities ballot and
  committee elections, a CLP too: "Each CLP delegation votes as one",
  https://www.leftfutures.org/2012/09/how-votes-work-at-labour-conference/) casts its whole
  card for the side most of its delegates present chose;
- a split delegation (a CLP on a card vote) divides its card equally among its delegates
  *present*: "Rushcliffe sent four delegates, but one didn't come ... they cancelled out the
  missing delegates potential votes and we then each carried 33% of the vote"
  (https://practicemakesdotblog.wordpress.com/, Labour conference 2017). So an absent delegate
  does not lose the members' voice for the delegation; the rules of some conferences take
  the opposite view (the card is split among the seats, and an absent delegate's share is
  not cast), which `share_of="seats"` gives.

The card vote only tallies; the decision is `decide_motion`, which takes the exact totals:

    card = card_vote(delegations, votes)
    decide_motion(yes=card.yes, no=card.no, abstain=card.abstain, present=card.present, ...)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ._errors import ElectionError
from ._motion import figure_words

ShareOf = Literal["present", "seats"]


@dataclass(frozen=True, slots=True)
class Delegation:
    """A delegation's card, as the entitlement table gives it.

    `members` is the membership it represents (the size of its card), `seats` the delegates
    it is entitled to send; `as_one` when the rules make it cast its card as one.
    """

    name: str
    members: int
    seats: int
    as_one: bool = False


@dataclass(frozen=True, slots=True)
class DelegationVote:
    """How a delegation's delegates voted: a count of delegates on each side.

    `present` is the delegates in the hall (credentialed for the session), who may be more
    than those who voted; None means exactly those who voted.
    """

    yes: int = 0
    no: int = 0
    abstain: int = 0
    present: int | None = None


@dataclass(frozen=True, slots=True)
class CardLine:
    """One delegation's line of the card vote, as a projector shows it.

    `yes`, `no` and `abstain` are the weight cast on each side, `present` the weight of its
    card in the hall (what "of those present" is taken of), `not_cast` what is left of its
    card: members - yes - no - abstain. `delegates_present` is a headcount; `note` says in
    plain words how the card was cast.
    """

    delegation: str
    members: int
    seats: int
    delegates_present: int
    as_one: bool
    yes: Fraction
    no: Fraction
    abstain: Fraction
    present: Fraction
    not_cast: Fraction
    note: str


@dataclass(frozen=True, slots=True)
class CardVote:
    """The card vote: one line per delegation, in the order of the table, and the totals.

    `members` is every card in the table, so yes + no + abstain + not_cast == members. The
    totals are exact `Fraction`s (whole numbers when no card was split unevenly): pass them to
    `decide_motion`.
    """

    lines: tuple[CardLine, ...]
    share_of: ShareOf
    members: int
    yes: Fraction
    no: Fraction
    abstain: Fraction
    present: Fraction
    not_cast: Fraction
    delegates_present: int


def card_vote(
    delegations: Sequence[Delegation],
    votes: Mapping[str, DelegationVote],
    *,
    share_of: ShareOf = "present",
) -> CardVote:
    """Cast each delegation's card from its delegates' votes, and add the cards up.

    `delegations` is the table (each name once); `votes` maps a delegation's name to its
    delegates' votes. A delegation without votes, or with no delegate present, is absent and
    casts nothing.

    - As one: the whole card goes to the side - for, against or abstain - more of its
      delegates chose than either other side. When two sides tie for the most, the card
      abstains: the delegation took part but reached no side, and a card cannot be cast two
      ways (so where abstentions count, a divided delegation weighs as an abstention does).
      A delegation whose delegates present all kept their cards casts nothing.
    - Split: each delegate carries an equal part of the card, members / delegates present
      (`share_of="present"`, Labour's practice) or members / seats (`share_of="seats"`).

    Raises `ElectionError` for a name twice in the table, votes for a delegation not in it, a
    negative or non-whole figure, more present than seats, or more votes than present.
    """
    if share_of not in ("present", "seats"):
        raise ElectionError(f"a card is split among the 'present' or the 'seats', not {share_of!r}")
    names = [_check_delegation(d) for d in delegations]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ElectionError(f"the delegation {name!r} is in the table twice")
        seen.add(name)
    unknown = sorted(set(votes) - seen)
    if unknown:
        raise ElectionError(f"votes for a delegation not in the table: {', '.join(unknown)}")

    lines = tuple(_line(d, votes.get(d.name), share_of) for d in delegations)
    return CardVote(
        lines=lines,
        share_of=share_of,
        members=sum(d.members for d in delegations),
        yes=sum((line.yes for line in lines), Fraction(0)),
        no=sum((line.no for line in lines), Fraction(0)),
        abstain=sum((line.abstain for line in lines), Fraction(0)),
        present=sum((line.present for line in lines), Fraction(0)),
        not_cast=sum((line.not_cast for line in lines), Fraction(0)),
        delegates_present=sum(line.delegates_present for line in lines),
    )


def _line(delegation: Delegation, vote: DelegationVote | None, share_of: ShareOf) -> CardLine:
    if vote is None:
        vote = DelegationVote(present=0)
    counts = _check_vote(delegation, vote)
    yes, no, abstain = counts
    voted = yes + no + abstain
    present = voted if vote.present is None else vote.present
    card = delegation.members
    zero = Fraction(0)
    if present == 0:
        cast, weight_present = (zero, zero, zero), zero
        note = f"absent: its card of {card} is not cast"
    elif delegation.as_one:
        weight_present = Fraction(card)
        cast, note = _as_one(card, counts, present)
    else:
        each = Fraction(card, present if share_of == "present" else delegation.seats)
        weight_present = each * present
        cast = (each * yes, each * no, each * abstain)
        among = (
            f"its {present} delegates present"
            if share_of == "present"
            else f"its {delegation.seats} seats"
        )
        note = (
            f"split among {among}, {figure_words(each)} each: "
            f"{yes} for, {no} against, {abstain} abstaining"
        )
    return CardLine(
        delegation=delegation.name,
        members=card,
        seats=delegation.seats,
        delegates_present=present,
        as_one=delegation.as_one,
        yes=cast[0],
        no=cast[1],
        abstain=cast[2],
        present=weight_present,
        not_cast=card - sum(cast, zero),
        note=note,
    )


def _as_one(
    card: int, counts: tuple[int, int, int], present: int
) -> tuple[tuple[Fraction, Fraction, Fraction], str]:
    zero, whole = Fraction(0), Fraction(card)
    yes, no, abstain = counts
    if yes + no + abstain == 0:
        return (zero, zero, zero), f"votes as one: none of its {present} present voted"
    most = max(counts)
    said = f"{yes} for, {no} against, {abstain} abstaining"
    if counts.count(most) > 1:
        return (zero, zero, whole), f"votes as one: {said}, a tie, so its card of {card} abstains"
    side = counts.index(most)
    words = ("goes for", "goes against", "abstains")[side]
    cast = tuple(whole if i == side else zero for i in range(3))
    return (cast[0], cast[1], cast[2]), f"votes as one: {said}, so its card of {card} {words}"


def _check_delegation(delegation: Delegation) -> str:
    name = delegation.name
    if not isinstance(name, str) or not name.strip():
        raise ElectionError(f"a delegation needs a name, not {name!r}")
    for label, figure in (("members", delegation.members), ("seats", delegation.seats)):
        _check_count(f"the {label} of {name!r}", figure)
    return name


def _check_vote(delegation: Delegation, vote: DelegationVote) -> tuple[int, int, int]:
    name = delegation.name
    counts = (vote.yes, vote.no, vote.abstain)
    for label, figure in zip(("for", "against", "abstaining"), counts, strict=True):
        _check_count(f"the delegates of {name!r} {label}", figure)
    voted = sum(counts)
    if vote.present is not None:
        _check_count(f"the delegates of {name!r} present", vote.present)
        if voted > vote.present:
            raise ElectionError(
                f"{voted} delegates of {name!r} voted, but only {vote.present} are present"
            )
    present = voted if vote.present is None else vote.present
    if present > delegation.seats:
        raise ElectionError(
            f"{present} delegates of {name!r} are present, but it has {delegation.seats} seats"
        )
    return counts


def _check_count(label: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ElectionError(f"{label} must be a whole number, not {value!r}")
    if value < 0:
        raise ElectionError(f"{label} cannot be negative ({value})")
