"""Demands from the floor: a card vote, a vote by sections or a women's vote, when enough ask.

Rules give the number that may demand a vote either as a number of delegates ("on demand of
ten delegates"; the Greens' Frauenstatut § 3: a women's vote "on the motion of at least 10
voting women",
https://antraege.gruene.de/50bdk/Frauenstatut-3-Frauenabstimmung-und-Vetorecht-46044/18974)
or as a share of them ("when a quarter of the delegates demand it"). A share is taken
exactly: a quarter of 50 is 12 1/2, so 12 is not enough and 13 is.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ._errors import ElectionError
from ._motion import figure_words


@dataclass(frozen=True, slots=True)
class Demand:
    """Whether a demand from the floor is met: `needed` is the number of delegates it took."""

    met: bool
    demanding: int
    needed: Fraction
    reason: str


def demand_met(*, demanding: int, needed: int | Fraction, delegates: int | None = None) -> Demand:
    """Whether `demanding` delegates are enough for what the rules make `needed`.

    `needed` is a number of delegates (`int`), or a share of `delegates` (`Fraction` between
    0 and 1, which needs `delegates`: those present or those entitled, as the rules say, and
    for a women's vote the women delegates). The demand is met when at least `needed` ask.

    Raises `ElectionError` for a negative or non-whole number, a share outside (0, 1], a share
    without `delegates`, or more demanding than there are delegates.
    """
    for label, figure in (("the delegates demanding", demanding), ("the delegates", delegates)):
        if figure is None:
            continue
        if isinstance(figure, bool) or not isinstance(figure, int) or figure < 0:
            raise ElectionError(f"{label} must be a whole number of 0 or more, not {figure!r}")
    if delegates is not None and demanding > delegates:
        raise ElectionError(f"{demanding} cannot demand among {delegates} delegates")
    if isinstance(needed, Fraction):
        if not 0 < needed <= 1:
            raise ElectionError(f"a share of the delegates must be between 0 and 1: {needed}")
        if delegates is None:
            raise ElectionError("a demand needed as a share needs the number of delegates")
        number = needed * delegates
        of = f" ({needed} of {delegates} delegates)"
    elif isinstance(needed, bool) or not isinstance(needed, int) or needed < 0:
        raise ElectionError(f"the number needed must be a whole number of 0 or more: {needed!r}")
    else:
        number, of = Fraction(needed), ""
    met = demanding >= number
    reason = (
        f"{'Met' if met else 'Not met'}: {demanding} asked, and at least "
        f"{figure_words(number)}{of} were needed."
    )
    return Demand(met=met, demanding=demanding, needed=number, reason=reason)
