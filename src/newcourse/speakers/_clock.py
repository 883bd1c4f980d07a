"""The speaking clock: how long a speech has run and how long it has left, as arithmetic.

The app stores when the speech started, the pauses so far (their total, and when the current
one began, if the clock is paused) and the seconds allowed (:meth:`SpeakingTimes.allowed`);
the speaker's phone, the chair's screen and the hall's projector each compute the same
countdown from those values and their own ``now``.  OpenSlides keeps the same three values on
a speaker (``begin_time``, ``total_pause``, ``pause_time``): pausing sets the pause's start,
resuming adds ``now`` less that start to the total and clears it (``speaker/unpause.py``).
Antragsgrün's countdown is the allowed time less the seconds since the start, going below
zero when the speaker runs over.

Times are datetimes, all naive or all aware (mixing them is refused, not a ``TypeError``
deep in the page).  A ``now`` before the start (clocks of two hosts a little apart) counts as
the start: no time has run.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ._errors import ClockRefused

ZERO = timedelta(0)
SECOND = timedelta(seconds=1)


def elapsed(
    started_at: datetime,
    now: datetime,
    *,
    paused_total: timedelta = ZERO,
    paused_at: datetime | None = None,
) -> timedelta:
    """The speaking time run by ``now``: the time since the start, less the pauses that have
    ended (``paused_total``) and the one under way since ``paused_at``, if the clock is
    paused.  Never below zero."""
    moments = [started_at, now] if paused_at is None else [started_at, now, paused_at]
    if len({m.tzinfo is None for m in moments}) > 1:
        raise ClockRefused("the clock's times mix naive and aware datetimes")
    if paused_total < ZERO:
        raise ClockRefused(f"the pauses cannot total less than zero ({paused_total})")
    if paused_at is not None and paused_at < started_at:
        raise ClockRefused("the clock was paused before the speech started")
    stopped = now if paused_at is None else min(now, paused_at)
    return max(ZERO, stopped - started_at - paused_total)


def remaining(
    started_at: datetime,
    now: datetime,
    allowed: int,
    *,
    paused_total: timedelta = ZERO,
    paused_at: datetime | None = None,
) -> timedelta:
    """The speaking time left of ``allowed`` seconds: negative once the speaker runs over."""
    if isinstance(allowed, bool) or not isinstance(allowed, int) or allowed < 0:
        raise ClockRefused(f"the seconds allowed must be a whole number from 0, not {allowed!r}")
    return timedelta(seconds=allowed) - elapsed(
        started_at, now, paused_total=paused_total, paused_at=paused_at
    )


def overrun(
    started_at: datetime,
    now: datetime,
    allowed: int,
    *,
    paused_total: timedelta = ZERO,
    paused_at: datetime | None = None,
) -> timedelta:
    """How far past ``allowed`` seconds the speech has run: zero while time is left."""
    left = remaining(started_at, now, allowed, paused_total=paused_total, paused_at=paused_at)
    return max(ZERO, -left)


def countdown(left: timedelta) -> str:
    """A remaining time as the clock shows it, ``m:ss``, with a minus once over time.

    Whole seconds are rounded up, as a countdown does: ``0:01`` until the time is quite
    gone, ``0:00`` at the very moment, ``-0:01`` a second later.
    """
    seconds = -(-left // SECOND)  # the ceiling, in exact integer arithmetic
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"
