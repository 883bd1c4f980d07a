"""The order of a speakers' list: who speaks next, and why.

:func:`speaking_list` is a pure function of the waiting requests, the rules and the debate so
far: the same inputs always give the same order, whatever order the requests come in, because
every choice ends on the order of asking (``sequence``, unique on a list).  The app stores the
requests and recomputes the list after each change; nothing here remembers anything.

The list is built in five blocks, then the chair's moves are laid over it:

1. **Points of order**, in order of asking.  They are about the conduct of the meeting and are
   heard before the debate goes on (OpenSlides inserts a new point of order before the first
   waiting speaker who is not one, after those already waiting; Antragsgrün sorts them first).
2. **The mover**, then **the seconder**, each in order of asking (Citrine: a motion is moved
   and seconded before it is debated).
3. **The debate**: the ordinary speakers, one place at a time, by the rules below.
4. **The reply**: the mover's right of reply closes the debate.

The debate is filled one place at a time.  For each place, the waiting speakers are narrowed by
each rule in turn, stronger rules first, a rule being skipped when it would leave no one:

a. *Gender* (:attr:`GenderOrder.ALTERNATE`): the women's list and the open list alternate,
   starting with a woman, so the group whose turn it is: the other group than the last
   ordinary speaker's, a woman when no ordinary speaker has spoken yet.  Movers, seconders and
   replies are not on either list: the motion, not the list, decides who they are.  The
   statutory quota comes first because it is the party's constitution, above its standing
   orders.  When no woman waits at a woman's turn, the open list goes on, or, under
   :attr:`ListRules.ask_women_to_continue`, the rest of the list is *held*.
b. *Progressive stack*: among them, those who have not spoken (in this debate, or in the
   conference: :class:`ProgressiveStack`).  Robert's Rules put a first speech before a second
   one and only then alternate the sides ("their claim is not determined by the above
   principles"), so this rule comes before the sides.
c. *Sides* (:attr:`ListRules.alternate_stances`): the side that spoke last waits while anyone
   else is waiting.  The side that spoke last is the stance of the last speech that took one
   (the mover's "for" counts), so the debate after a mover opens against the motion.  A
   neutral speaker takes no side: they are heard in their order of asking among the speakers
   of the side whose turn it is, and a neutral speech neither takes nor hands over the turn.
   That is the fairest place found: a neutral speaker is neither pushed to the end for not
   taking a side nor allowed to break the alternation.
d. *Order of asking*: the earliest of those left speaks.

Each place is chosen as if the speakers before it had spoken, so the next place sees the gender
and side they give and counts them as having spoken.

**The chair's moves.**  A request the chair placed at position ``k`` (``placed_at``, 1-based
over the whole list) stays at ``k``; the others fill the remaining places in the computed order,
which is built without the placed ones (the chair put them outside the rules, so they do not
shift the alternation of the rest).  A placement beyond the end of the list goes to the end, in
the order of the positions.  So points of order come first only among requests the chair has
not moved: the chair may put anyone anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ._model import (
    Debate,
    Role,
    SpeakingRequest,
    Stance,
    check_requests,
    is_woman,
)
from ._rules import GenderOrder, ListRules, ProgressiveStack


class Reason(StrEnum):
    """Why a request is where it is on the list; the value is the English phrase, the member
    a stable name the app can translate."""

    CHAIR = "placed here by the chair"
    POINT_OF_ORDER = "point of order"
    MOVER = "moves the motion"
    SECONDER = "seconds the motion"
    REPLY = "the mover's reply"
    WOMAN_TURN = "a woman's turn"
    OPEN_TURN = "the open list's turn"
    NO_WOMAN_WAITING = "no woman waiting"
    NO_OTHER_WAITING = "only women waiting"
    FIRST_SPEECH = "has not spoken yet"
    EVERYONE_HAS_SPOKEN = "everyone waiting has spoken"
    OPPOSES_LAST_SIDE = "opposes the last side heard"
    NEUTRAL = "neutral, heard in turn"
    SAME_SIDE_ONLY = "only this side waiting"
    ORDER_OF_ASKING = "asked first"
    HELD = "waits until the women agree the debate goes on"


@dataclass(frozen=True)
class Turn:
    """One place on the list: the request, the reasons it is here (strongest first), and
    whether it is held until the women of the conference agree the debate goes on."""

    request: SpeakingRequest
    reasons: tuple[Reason, ...]
    held: bool = False


@dataclass(frozen=True)
class SpeakersList:
    """The list in speaking order (``turns[0]`` speaks next)."""

    turns: tuple[Turn, ...]

    @property
    def requests(self) -> tuple[SpeakingRequest, ...]:
        """The requests in speaking order."""
        return tuple(turn.request for turn in self.turns)

    @property
    def held(self) -> bool:
        """Whether some of the list waits until the women agree the debate goes on: the chair
        puts that question when the first held turn comes up."""
        return any(turn.held for turn in self.turns)


def speaking_list(
    requests: Iterable[SpeakingRequest], rules: ListRules, debate: Debate | None = None
) -> SpeakersList:
    """The waiting requests in speaking order, each with its reasons (see the module's text
    for every rule and tie-break).  Raises :class:`RequestRefused` when two requests share an
    id, an order of asking, or a chair's position."""
    debate = Debate() if debate is None else debate
    waiting = check_requests(requests)
    placed = sorted(
        (r for r in waiting if r.placed_at is not None),
        key=lambda r: (r.placed_at, r.sequence),
    )
    computed = _computed(
        sorted((r for r in waiting if r.placed_at is None), key=lambda r: r.sequence),
        rules,
        debate,
    )
    return SpeakersList(_lay_over(computed, placed, len(waiting)))


def speaking_order(
    requests: Iterable[SpeakingRequest], rules: ListRules, debate: Debate | None = None
) -> list[SpeakingRequest]:
    """The waiting requests in speaking order: :func:`speaking_list` without the reasons."""
    return list(speaking_list(requests, rules, debate).requests)


def next_speaker(
    requests: Iterable[SpeakingRequest], rules: ListRules, debate: Debate | None = None
) -> SpeakingRequest | None:
    """The request to call next, or ``None`` when no one waits, or when the next turn is held
    until the women of the conference agree the debate goes on (the chair then puts that
    question; once agreed, pass ``Debate(women_agreed_to_continue=True)``)."""
    turns = speaking_list(requests, rules, debate).turns
    if not turns or turns[0].held:
        return None
    return turns[0].request


def _lay_over(computed: list[Turn], placed: list[SpeakingRequest], size: int) -> tuple[Turn, ...]:
    at = {r.placed_at: r for r in placed if r.placed_at is not None and r.placed_at <= size}
    beyond = [r for r in placed if r.placed_at is not None and r.placed_at > size]
    rest = iter([*computed, *(Turn(r, (Reason.CHAIR,)) for r in beyond)])
    return tuple(
        Turn(at[position], (Reason.CHAIR,)) if position in at else next(rest)
        for position in range(1, size + 1)
    )


def _computed(waiting: list[SpeakingRequest], rules: ListRules, debate: Debate) -> list[Turn]:
    """The order of the requests the chair has not placed; ``waiting`` is in order of asking."""
    by_role: dict[Role, list[SpeakingRequest]] = {role: [] for role in Role}
    points: list[SpeakingRequest] = []
    for request in waiting:
        (points if request.is_point_of_order else by_role[request.role]).append(request)
    turns = [Turn(r, (Reason.POINT_OF_ORDER,)) for r in points]
    turns += [Turn(r, (Reason.MOVER,)) for r in by_role[Role.MOVER]]
    turns += [Turn(r, (Reason.SECONDER,)) for r in by_role[Role.SECONDER]]
    opening = [*by_role[Role.MOVER], *by_role[Role.SECONDER]]
    turns += _debate(by_role[Role.SPEAKER], opening, rules, debate)
    turns += [Turn(r, (Reason.REPLY,)) for r in by_role[Role.REPLY]]
    return turns


def _debate(
    waiting: list[SpeakingRequest],
    opening: list[SpeakingRequest],
    rules: ListRules,
    debate: Debate,
) -> list[Turn]:
    """The ordinary speakers, one place at a time (rules a to d of the module's text)."""
    spoken = set(debate.speakers())
    if rules.progressive_stack is ProgressiveStack.CONFERENCE:
        spoken |= debate.earlier_speakers
    last_side: Stance | None = None
    last_woman: bool | None = None
    for speech in debate.speeches:
        if speech.stance in (Stance.FOR, Stance.AGAINST):
            last_side = speech.stance
        if speech.role is Role.SPEAKER and not speech.is_point_of_order:
            last_woman = is_woman(speech.gender)
    for request in opening:  # the mover and seconder speak before the debate
        spoken.add(request.speaker)
        if request.stance in (Stance.FOR, Stance.AGAINST):
            last_side = request.stance

    remaining = list(waiting)
    turns: list[Turn] = []
    held = False
    while remaining:
        pool = remaining
        reasons: list[Reason] = []
        if rules.gender_order is GenderOrder.ALTERNATE:
            women_turn = last_woman is not True
            group = [r for r in pool if is_woman(r.gender) is women_turn]
            if group:
                pool = group
                reasons.append(Reason.WOMAN_TURN if women_turn else Reason.OPEN_TURN)
            elif women_turn:
                reasons.append(Reason.NO_WOMAN_WAITING)
                held = held or (rules.ask_women_to_continue and not debate.women_agreed_to_continue)
            else:
                reasons.append(Reason.NO_OTHER_WAITING)
        if rules.progressive_stack is not ProgressiveStack.OFF:
            first = [r for r in pool if r.speaker not in spoken]
            if first:
                pool = first
                reasons.append(Reason.FIRST_SPEECH)
            else:
                reasons.append(Reason.EVERYONE_HAS_SPOKEN)
        side_reason: Reason | None = None
        if rules.alternate_stances and last_side is not None:
            others = [r for r in pool if r.stance is not last_side]
            if others:
                pool = others
            else:
                side_reason = Reason.SAME_SIDE_ONLY
        chosen = pool[0]  # `remaining` is in order of asking, and so is every narrowing of it
        if rules.alternate_stances and side_reason is None:
            if chosen.stance is Stance.NEUTRAL:
                side_reason = Reason.NEUTRAL
            elif last_side is not None:
                side_reason = Reason.OPPOSES_LAST_SIDE
        if side_reason is not None:
            reasons.append(side_reason)
        if len(pool) > 1:
            reasons.append(Reason.ORDER_OF_ASKING)
        if held:
            reasons.append(Reason.HELD)
        turns.append(Turn(chosen, tuple(reasons), held))
        remaining = [r for r in remaining if r is not chosen]
        spoken.add(chosen.speaker)
        last_woman = is_woman(chosen.gender)
        if chosen.stance in (Stance.FOR, Stance.AGAINST):
            last_side = chosen.stance
    return turns
