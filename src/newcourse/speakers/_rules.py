"""The rules of a speakers' list, as a conference's standing orders set them.

Each rule is off unless the standing orders turn it on, so a list with default rules is the
plain queue: points of order first, then everyone in order of asking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ._errors import RulesRefused
from ._model import Role, Stance


class GenderOrder(StrEnum):
    """Whether the list alternates by gender.

    ``ALTERNATE``: the "quotierte Redeliste" of the German left, women first: the women's list
    and the open list take turns, a woman beginning.  Bündnis 90/Die Grünen's Frauenstatut, as
    a delegate summed it up in the 2019 debate on amending it (antraege.gruene.de, 44th BDK,
    motion S-08): every woman who asks has the right to the next free odd place.  The standing
    orders of the BVV Lichtenberg (§ 26(1), 2017): the chair gives the floor "abwechselnd an
    eine Frau und einen Mann in der Reihenfolge der Wortmeldungen", two of one gender in a row
    only when the other has no one asking.  Antragsgrün's lists are "Frauen" and
    "Offen / Männer", the open list taking everyone who is not on the women's.  What happens
    when the women's list runs out is :attr:`ListRules.ask_women_to_continue`.
    """

    NONE = "none"
    ALTERNATE = "alternate-women-first"


class ProgressiveStack(StrEnum):
    """Whether those who have not yet spoken go before those who have.

    The Occupy movement's "progressive stack" lets members of marginalised groups step forward;
    the form kept here is the one of DSA chapters' and the Tech Workers Coalition's stack
    guides ("prefer to hear first from people who haven't spoken yet") and of Antragsgrün's
    "Personen bevorzugen, die noch nicht sprachen" (``prefer_nonspeaker``): first speeches
    before second ones.
    Robert's Rules put it the same way within one debate: no second speech while anyone who has
    not spoken wants the floor.  The gender of the list is :class:`GenderOrder`'s business.
    """

    OFF = "off"
    DEBATE = "debate"
    """Those who have not spoken in this debate first."""
    CONFERENCE = "conference"
    """Those who have not spoken at all in the conference (this debate or any earlier) first."""


def _seconds(value: int | None, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise RulesRefused(f"the {what}'s speaking time must be whole seconds, not {value!r}")
    if value <= 0:
        raise RulesRefused(f"the {what}'s speaking time must be above 0 seconds, not {value}")


@dataclass(frozen=True)
class SpeakingTimes:
    """Seconds allowed to each kind of speaker; ``None`` for no limit (and no countdown).

    The defaults are a common shape of union and party standing orders (the mover longer than
    the others, points of order short); a conference sets its own.
    """

    mover: int | None = 300
    seconder: int | None = 180
    speaker: int | None = 180
    reply: int | None = 180
    point_of_order: int | None = 60

    def __post_init__(self) -> None:
        _seconds(self.mover, "mover")
        _seconds(self.seconder, "seconder")
        _seconds(self.speaker, "speaker")
        _seconds(self.reply, "reply")
        _seconds(self.point_of_order, "point of order")

    def allowed(self, stance: Stance | str, role: Role | str = Role.SPEAKER) -> int | None:
        """The seconds allowed for a speech of this stance and role (a point of order has the
        point-of-order time whatever its role)."""
        if Stance(stance) is Stance.POINT_OF_ORDER:
            return self.point_of_order
        return {
            Role.MOVER: self.mover,
            Role.SECONDER: self.seconder,
            Role.SPEAKER: self.speaker,
            Role.REPLY: self.reply,
        }[Role(role)]


@dataclass(frozen=True)
class ListRules:
    """The rules of one speakers' list.

    ``alternate_stances``: for and against take turns, starting with the side the last speech
    did not take (Robert's Rules: the chair "should give the preference to the one opposed to
    the last speaker").  ``gender_order`` and ``progressive_stack``: see their enums.
    ``ask_women_to_continue``: when it is a woman's turn and no woman is waiting, the rest of
    the list is held until the women of the conference agree the debate goes on (Bündnis
    90/Die Grünen's Frauenstatut as amended by motion S-08 at the 44th BDK, Bielefeld 2019, as
    reported: "Ist die Redeliste der Frauen erschöpft, so sind die Frauen der Versammlung zu
    befragen, ob die Debatte fortgesetzt werden soll"; before it, the whole assembly was
    asked).  Off, the open list simply goes on in its order (Lichtenberg's rule, and
    Antragsgrün's, whose chair may start anyone).
    ``points_of_order_when_closed``: a closed list still takes points of order (OpenSlides'
    default; its ``list_of_speakers_closing_disables_point_of_order`` turns this off).
    """

    alternate_stances: bool = False
    gender_order: GenderOrder = GenderOrder.NONE
    progressive_stack: ProgressiveStack = ProgressiveStack.OFF
    ask_women_to_continue: bool = False
    points_of_order_when_closed: bool = True
    times: SpeakingTimes = field(default_factory=SpeakingTimes)

    def __post_init__(self) -> None:
        for name in ("alternate_stances", "ask_women_to_continue", "points_of_order_when_closed"):
            if not isinstance(getattr(self, name), bool):
                raise RulesRefused(f"{name} must be true or false, not {getattr(self, name)!r}")
        try:
            object.__setattr__(self, "gender_order", GenderOrder(self.gender_order))
        except ValueError:
            raise RulesRefused(f"unknown gender order {self.gender_order!r}") from None
        try:
            object.__setattr__(self, "progressive_stack", ProgressiveStack(self.progressive_stack))
        except ValueError:
            raise RulesRefused(f"unknown progressive stack {self.progressive_stack!r}") from None
        if not isinstance(self.times, SpeakingTimes):
            raise RulesRefused(f"times must be SpeakingTimes, not {self.times!r}")
