"""The speaking clock: elapsed time less pauses, the countdown, the overrun."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newcourse.speakers import ClockRefused, countdown, elapsed, overrun, remaining

START = datetime(2026, 5, 2, 10, 0, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_elapsed_is_the_time_since_the_start() -> None:
    assert elapsed(START, at(75)) == timedelta(seconds=75)


def test_elapsed_leaves_out_the_pauses_that_ended() -> None:
    assert elapsed(START, at(75), paused_total=timedelta(seconds=20)) == timedelta(seconds=55)


def test_elapsed_stops_while_the_clock_is_paused() -> None:
    # Started 10:00:00, paused 15 s earlier, now paused since 10:01:00; now 10:01:30.
    run = elapsed(START, at(90), paused_total=timedelta(seconds=15), paused_at=at(60))
    assert run == timedelta(seconds=45)


def test_elapsed_is_zero_when_now_is_before_the_start() -> None:
    assert elapsed(START, at(-3)) == timedelta(0)


def test_remaining_counts_down_from_the_time_allowed() -> None:
    assert remaining(START, at(100), 180) == timedelta(seconds=80)


def test_remaining_goes_negative_when_the_speaker_runs_over() -> None:
    assert remaining(START, at(200), 180) == timedelta(seconds=-20)
    assert overrun(START, at(200), 180) == timedelta(seconds=20)


def test_overrun_is_zero_while_time_is_left() -> None:
    assert overrun(START, at(179), 180) == timedelta(0)


def test_remaining_with_pauses() -> None:
    left = remaining(START, at(200), 180, paused_total=timedelta(seconds=30))
    assert left == timedelta(seconds=10)


def test_clock_works_on_naive_datetimes_too() -> None:
    naive = datetime(2026, 5, 2, 10, 0, 0)
    assert remaining(naive, naive + timedelta(seconds=1), 60) == timedelta(seconds=59)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"paused_total": timedelta(seconds=-1)}, "the pauses cannot total less than zero"),
        ({"paused_at": at(-1)}, "the clock was paused before the speech started"),
        ({"paused_at": datetime(2026, 5, 2, 10, 0, 0)}, "mix naive and aware"),
    ],
)
def test_clock_refuses_times_that_do_not_fit(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ClockRefused, match=message):
        elapsed(START, at(10), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("allowed", [-1, 1.5, True])
def test_remaining_refuses_an_allowed_time_not_whole_seconds_from_zero(allowed: object) -> None:
    with pytest.raises(ClockRefused):
        remaining(START, at(1), allowed)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (180, "3:00"),
        (65, "1:05"),
        (2.4, "0:03"),
        (0.000001, "0:01"),
        (0, "0:00"),
        (-0.4, "0:00"),
        (-1, "-0:01"),
        (-1.5, "-0:01"),
        (-75, "-1:15"),
        (3600, "60:00"),
    ],
)
def test_countdown_shows_minutes_and_seconds_rounded_up(seconds: float, shown: str) -> None:
    assert countdown(timedelta(seconds=seconds)) == shown
