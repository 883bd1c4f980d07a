"""What a speakers' list is made of: requests to speak, speeches given, and the debate so far.

All are frozen dataclasses the app builds from its tables: ids and speaker keys are opaque
strings chosen by the caller (the app passes ``str(pk)``), so the library never needs to know
what a delegate is.  Enum fields accept their string values too (``"for"``, ``"woman"``), as a
``TextChoices`` column holds them, and are turned into the enum on construction.

The vocabulary follows the two free tools conferences of the German left use, which agree:

* OpenSlides (``openslides-backend``, ``speaker/create.py``): a speaker's ``speech_state``
  (``pro``, ``contra``, ``contribution``) and the separate ``point_of_order`` flag; one waiting
  entry per delegate, plus one point of order;
* Antragsgrün (``models/db/SpeechQueue.php``): a women's sub-list and an open one
  ("Frauen", "Offen / Männer"), so the women's list takes those who declare themselves women
  and the open list everyone else, including those who declare nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from ._errors import RequestRefused, SpeechRefused

E = TypeVar("E", bound=StrEnum)


class Stance(StrEnum):
    """Which side a request or speech takes.  A point of order takes no side: it is about the
    conduct of the meeting, and jumps the queue."""

    FOR = "for"
    AGAINST = "against"
    NEUTRAL = "neutral"
    POINT_OF_ORDER = "point-of-order"


class Role(StrEnum):
    """The part a speech plays in the debate on a motion (Citrine, *ABC of Chairmanship*:
    the motion is moved and seconded, the debate follows, the mover replies at the end)."""

    MOVER = "mover"
    SECONDER = "seconder"
    SPEAKER = "speaker"
    REPLY = "reply"


class Gender(StrEnum):
    """A delegate's gender as they declare it themselves; ``None`` where they declare none.

    Only "woman" matters to the order: Bündnis 90/Die Grünen's women's statute counts as women
    "all who define themselves so", with no check of the self-definition.
    """

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non-binary"


def is_woman(gender: Gender | None) -> bool:
    """Whether a speaker is on the women's list (the rest are on the open list)."""
    return gender is Gender.WOMAN


@dataclass(frozen=True)
class SpeakingRequest:
    """A delegate's request to speak, waiting on the list.

    ``id`` is the caller's opaque id of the request and ``speaker`` the delegate's key.
    ``sequence`` is the order of asking: any integers, unique on one list, smaller asked first
    (the app's autoincrement key will do).  ``placed_at`` is the 1-based position the chair
    moved the request to, or ``None`` for the computed order.  A point of order is
    ``stance=Stance.POINT_OF_ORDER`` with ``role=Role.SPEAKER``.
    """

    id: str
    speaker: str
    stance: Stance
    sequence: int
    gender: Gender | None = None
    role: Role = Role.SPEAKER
    placed_at: int | None = None

    def __post_init__(self) -> None:
        def refuse(reason: str) -> RequestRefused:
            return RequestRefused(reason, request_id=self.id if isinstance(self.id, str) else None)

        if not isinstance(self.id, str) or not self.id:
            raise refuse("the id must be a non-empty string")
        if not isinstance(self.speaker, str) or not self.speaker:
            raise refuse("the speaker's key must be a non-empty string")
        if isinstance(self.sequence, bool) or not isinstance(self.sequence, int):
            raise refuse(f"the order of asking must be an integer, not {self.sequence!r}")
        if self.placed_at is not None and (
            isinstance(self.placed_at, bool)
            or not isinstance(self.placed_at, int)
            or self.placed_at < 1
        ):
            raise refuse(f"the chair's position must be 1 or more, not {self.placed_at!r}")
        try:
            stance = _member(Stance, self.stance, "stance")
            role = _member(Role, self.role, "role")
            gender = None if self.gender is None else _member(Gender, self.gender, "gender")
        except ValueError as error:
            raise refuse(str(error)) from None
        if stance is Stance.POINT_OF_ORDER and role is not Role.SPEAKER:
            raise refuse(f"a point of order cannot be the {role}'s speech")
        object.__setattr__(self, "stance", stance)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "gender", gender)

    @property
    def is_point_of_order(self) -> bool:
        """Whether this is a point of order (which jumps the queue)."""
        return self.stance is Stance.POINT_OF_ORDER


@dataclass(frozen=True)
class Speech:
    """A speech already given: who, on which side, in which part of the debate, and for how
    long.  The same value serves the order (who has spoken, which side spoke last) and the
    statistics (``branch`` is the opaque key of the delegate's branch, or ``None``)."""

    speaker: str
    stance: Stance
    gender: Gender | None = None
    role: Role = Role.SPEAKER
    branch: str | None = None
    seconds: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.speaker, str) or not self.speaker:
            raise SpeechRefused("the speaker's key must be a non-empty string")
        if isinstance(self.seconds, bool) or not isinstance(self.seconds, int):
            raise SpeechRefused(f"seconds must be an integer, not {self.seconds!r}")
        if self.seconds < 0:
            raise SpeechRefused(f"seconds cannot be negative ({self.seconds})")
        if self.branch is not None and not isinstance(self.branch, str):
            raise SpeechRefused(f"the branch key must be a string, not {self.branch!r}")
        try:
            stance = _member(Stance, self.stance, "stance")
            role = _member(Role, self.role, "role")
            gender = None if self.gender is None else _member(Gender, self.gender, "gender")
        except ValueError as error:
            raise SpeechRefused(str(error)) from None
        object.__setattr__(self, "stance", stance)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "gender", gender)

    @property
    def is_point_of_order(self) -> bool:
        """Whether this was a point of order (which counts for neither side nor turn)."""
        return self.stance is Stance.POINT_OF_ORDER


@dataclass(frozen=True)
class Debate:
    """What has happened so far, as the order needs it.

    ``speeches``: the speeches given in this debate, oldest first (points of order included or
    not: they are skipped).  ``earlier_speakers``: the keys of delegates who spoke earlier in
    the conference, in other debates (for the progressive stack over the conference).
    ``women_agreed_to_continue``: the women of the conference were asked, when the women's list
    ran out, and agreed that the debate goes on (only read under
    ``ListRules.ask_women_to_continue``).
    """

    speeches: tuple[Speech, ...] = ()
    earlier_speakers: frozenset[str] = field(default_factory=frozenset)
    women_agreed_to_continue: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "speeches", tuple(self.speeches))
        object.__setattr__(self, "earlier_speakers", frozenset(self.earlier_speakers))
        for speech in self.speeches:
            if not isinstance(speech, Speech):
                raise SpeechRefused(f"not a Speech: {speech!r}")

    def speakers(self) -> frozenset[str]:
        """Who has spoken in this debate (points of order do not count: they are not part of
        the debate)."""
        return frozenset(s.speaker for s in self.speeches if not s.is_point_of_order)


def _member(enum: type[E], value: object, what: str) -> E:
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    known = ", ".join(repr(m.value) for m in enum)
    raise ValueError(f"unknown {what} {value!r} (one of {known})")


def check_requests(requests: Iterable[SpeakingRequest]) -> tuple[SpeakingRequest, ...]:
    """The requests as a tuple, refused when two share an id or an order of asking, or two
    are placed by the chair at the same position: the order would then depend on which came
    first in the caller's list, and the same list must always give the same order."""
    found = tuple(requests)
    ids: dict[str, SpeakingRequest] = {}
    sequences: dict[int, SpeakingRequest] = {}
    positions: dict[int, SpeakingRequest] = {}
    for request in found:
        if not isinstance(request, SpeakingRequest):
            raise RequestRefused(f"not a SpeakingRequest: {request!r}")
        if request.id in ids:
            raise RequestRefused("two requests have this id", request_id=request.id)
        if request.sequence in sequences:
            other = sequences[request.sequence]
            raise RequestRefused(
                f"same order of asking ({request.sequence}) as request {other.id!r}",
                request_id=request.id,
            )
        if request.placed_at is not None and request.placed_at in positions:
            other = positions[request.placed_at]
            raise RequestRefused(
                f"placed at position {request.placed_at}, where the chair placed "
                f"request {other.id!r}",
                request_id=request.id,
            )
        ids[request.id] = request
        sequences[request.sequence] = request
        if request.placed_at is not None:
            positions[request.placed_at] = request
    return found
