"""Who spoke at a conference and for how long: totals by speaker, gender, branch and stance.

A quota on the list guarantees women turns, not time: whether women were heard is answered
by what was actually spoken, so the totals count seconds as well as speeches, and the one
share reported is the part of the speaking time (and of the speeches) taken by women.  Points
of order count like any speech (they are floor time); the app may leave them out of the
speeches it passes, or read them apart in ``by_stance``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

from ._errors import SpeechRefused
from ._model import Gender, Speech, Stance

K = TypeVar("K")


@dataclass(frozen=True)
class Tally:
    """How many speeches, and how many seconds in all."""

    speeches: int = 0
    seconds: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.speeches + other.speeches, self.seconds + other.seconds)


@dataclass(frozen=True)
class SpeakingStatistics:
    """A conference's speaking totals.

    Every mapping is ordered for display: ``by_gender`` as :class:`Gender` lists them, then
    ``None`` (not declared); ``by_branch`` by branch key, then ``None`` (no branch);
    ``by_stance`` as :class:`Stance` lists them; ``by_speaker`` by seconds, most first, then by
    key.  Only what occurred is listed (no zero rows).  ``women_share_of_time`` and
    ``women_share_of_speeches`` are exact fractions of all speeches, those who declared no
    gender included, ``None`` when there is nothing to share.
    """

    total: Tally
    by_speaker: Mapping[str, Tally]
    by_gender: Mapping[Gender | None, Tally]
    by_branch: Mapping[str | None, Tally]
    by_stance: Mapping[Stance, Tally]
    women_share_of_time: Fraction | None
    women_share_of_speeches: Fraction | None


def speaking_statistics(speeches: Iterable[Speech]) -> SpeakingStatistics:
    """The totals of these speeches (any order; each counted once)."""
    given = tuple(speeches)
    for speech in given:
        if not isinstance(speech, Speech):
            raise SpeechRefused(f"not a Speech: {speech!r}")
    total = _sum(given)
    women = _sum(s for s in given if s.gender is Gender.WOMAN)
    genders: list[Gender | None] = [*Gender, None]
    stances = list(Stance)
    return SpeakingStatistics(
        total=total,
        by_speaker=dict(
            sorted(_group(given, lambda s: s.speaker).items(), key=lambda i: (-i[1].seconds, i[0]))
        ),
        by_gender=_ordered(_group(given, lambda s: s.gender), genders.index),
        by_branch=_ordered(
            _group(given, lambda s: s.branch), lambda b: (b is None, "" if b is None else b)
        ),
        by_stance=_ordered(_group(given, lambda s: s.stance), stances.index),
        women_share_of_time=Fraction(women.seconds, total.seconds) if total.seconds else None,
        women_share_of_speeches=(
            Fraction(women.speeches, total.speeches) if total.speeches else None
        ),
    )


def _sum(speeches: Iterable[Speech]) -> Tally:
    return sum((Tally(1, s.seconds) for s in speeches), Tally())


def _group(speeches: Iterable[Speech], key: Callable[[Speech], K]) -> dict[K, Tally]:
    groups: dict[K, Tally] = {}
    for speech in speeches:
        k = key(speech)
        groups[k] = groups.get(k, Tally()) + Tally(1, speech.seconds)
    return groups


def _ordered(groups: dict[K, Tally], order: Callable[[K], Any]) -> dict[K, Tally]:
    return {k: groups[k] for k in sorted(groups, key=order)}
