"""The chair's and the delegates' operations on the waiting requests, as pure functions.

Each takes the waiting requests and returns the new ones (a tuple, in the order given, with
the changed request replaced), or refuses; the app stores what comes back.  The next speaker
is :func:`next_speaker`; these are the rest:

* :func:`accepts` and :func:`admit`: whether a request may join the list.  A closed list
  takes only points of order (unless the rules say a closed list takes none), and the chair
  may still add anyone: as OpenSlides does (``speaker/create.py``: a delegate adding
  themselves to a closed list is refused unless it is a point of order and
  ``list_of_speakers_closing_disables_point_of_order`` is off; a manager may always add).
  Antragsgrün likewise keeps the list and the points of order open separately (``isOpen``,
  ``isOpenPoo``).  One delegate waits at most once to speak in the debate and once with a
  point of order (OpenSlides: "is already on the list of speakers", except one additional
  point of order).
* :func:`place`: the chair moves a request to a position, or back to the computed order.
* :func:`remove`: a request leaves the list (called to speak, withdrawn, or struck off by the
  chair); the chair's placements behind it move up one place, as everyone else does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ._errors import AlreadyWaiting, ListClosed, RequestRefused
from ._model import Debate, SpeakingRequest, Stance, check_requests
from ._order import speaking_list
from ._rules import ListRules


def accepts(
    stance: Stance | str, *, closed: bool, rules: ListRules, by_chair: bool = False
) -> bool:
    """Whether a list takes a request of this stance: an open list takes every request; a
    closed one only points of order (when ``rules.points_of_order_when_closed``) and anything
    the chair adds.  The phone shows only the buttons this allows."""
    if by_chair or not closed:
        return True
    return Stance(stance) is Stance.POINT_OF_ORDER and rules.points_of_order_when_closed


def admit(
    request: SpeakingRequest,
    waiting: Iterable[SpeakingRequest],
    *,
    closed: bool,
    rules: ListRules,
    by_chair: bool = False,
) -> tuple[SpeakingRequest, ...]:
    """The waiting requests with ``request`` added, or a refusal: :class:`ListClosed` when
    the list does not take it (:func:`accepts`), :class:`AlreadyWaiting` when the delegate
    already waits with a request of the same kind (a point of order, or one to speak in the
    debate), :class:`RequestRefused` when its id or order of asking is already used."""
    current = check_requests(waiting)
    if not accepts(request.stance, closed=closed, rules=rules, by_chair=by_chair):
        if request.is_point_of_order:
            raise ListClosed(
                "the list of speakers is closed, to points of order too", request_id=request.id
            )
        raise ListClosed(
            "the list of speakers is closed: only points of order", request_id=request.id
        )
    for other in current:
        if other.speaker == request.speaker and (
            other.is_point_of_order == request.is_point_of_order
        ):
            kind = "a point of order" if request.is_point_of_order else "a request to speak"
            raise AlreadyWaiting(
                f"the delegate already waits with {kind} (request {other.id!r})",
                request_id=request.id,
            )
    return check_requests((*current, request))


def place(
    requests: Iterable[SpeakingRequest], request_id: str, position: int | None
) -> tuple[SpeakingRequest, ...]:
    """The chair moves a request to ``position`` (1-based, over the whole list), or back to
    the computed order with ``None``.

    A position past the end means the end.  A request the chair had already placed at that
    position moves one down, and so on down the placements it meets, as when one drags an
    entry into a list; the chair's other placements stay where they are.
    """
    current = check_requests(requests)
    if not any(r.id == request_id for r in current):
        raise RequestRefused("no such request on the list", request_id=request_id)
    if position is not None:
        if isinstance(position, bool) or not isinstance(position, int) or position < 1:
            raise RequestRefused(
                f"the chair's position must be 1 or more, not {position!r}", request_id=request_id
            )
        position = min(position, len(current))
    taken = set() if position is None else {position}
    moved: dict[str, int | None] = {request_id: position}
    others = sorted(
        (r.placed_at, r.sequence, r.id)
        for r in current
        if r.id != request_id and r.placed_at is not None
    )
    for spot, _, other_id in others:
        while spot in taken:
            spot += 1
        taken.add(spot)
        moved[other_id] = spot
    return tuple(
        replace(r, placed_at=moved[r.id]) if r.id in moved and moved[r.id] != r.placed_at else r
        for r in current
    )


def remove(
    requests: Iterable[SpeakingRequest],
    request_id: str,
    rules: ListRules,
    debate: Debate | None = None,
) -> tuple[SpeakingRequest, ...]:
    """The waiting requests without ``request_id``.  Every request the chair placed keeps its
    place in the list as it was shown: one behind the removed request moves up one position,
    one placed past the end is written at the position it was shown at.  Pass the debate as it
    was before the removal (the list the chair saw)."""
    current = check_requests(requests)
    if not any(r.id == request_id for r in current):
        raise RequestRefused("no such request on the list", request_id=request_id)
    order = speaking_list(current, rules, debate).requests
    shown = {r.id: index + 1 for index, r in enumerate(order)}
    gone = shown[request_id]
    kept = []
    for r in current:
        if r.id == request_id:
            continue
        if r.placed_at is not None:
            at = shown[r.id]
            r = replace(r, placed_at=at - 1 if at > gone else at)
        kept.append(r)
    return tuple(kept)
