"""One render per change, the same bytes to every watcher: the fan-out within a process.

These run the streams as the view does (`live_events`) on an event loop of their own, with
changes published within the process (NEWCOURSE_LIVE=process; test_live_postgresql.py covers
PostgreSQL's LISTEN/NOTIFY).
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import transaction
from tests.live.channels import GATES, RENDERED_AT, RENDERS, TEXT, data_of, id_of

from newcourse.live import live_channel, live_close, live_events, live_publish, live_render
from newcourse.live._hub import RENDER_INTERVAL


@pytest.fixture(autouse=True)
def within_the_process(settings):
    settings.NEWCOURSE_LIVE = "process"
    settings.NEWCOURSE_LIVE_HEARTBEAT_SECONDS = 15
    yield
    TEXT.clear()
    GATES.clear()
    RENDERS.clear()
    RENDERED_AT.clear()


def run(scenario):
    """Run an async scenario on a loop of its own, the hub closed after it."""

    async def closing():
        try:
            return await scenario()
        finally:
            await live_close()

    return async_to_sync(closing)()


def change(channel: str, text: str) -> None:
    """What a service does: change what the channel shows, publish, commit."""
    with transaction.atomic():
        TEXT[channel] = text
        live_publish(channel)


async def until(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        await asyncio.sleep(0.01)


@pytest.mark.django_db(transaction=True)
def test_many_publishes_during_a_render_make_one_more_render():
    channel = "test:coalesce"
    TEXT[channel] = "before"
    GATES[channel] = threading.Event()

    async def scenario():
        events = live_events(channel, language="en")
        assert (await anext(events)).startswith(b"retry: ")
        first = asyncio.ensure_future(anext(events))
        await until(lambda: RENDERS[(channel, "en")] == 1)  # the first render, held
        for n in range(100):
            await sync_to_async(change)(channel, f"after {n}")
        GATES[channel].set()
        shown = [data_of(await first), data_of(await anext(events))]
        await asyncio.sleep(3 * RENDER_INTERVAL)
        await events.aclose()
        return shown

    shown = run(scenario)

    assert shown == ['<p lang="en">before</p>', '<p lang="en">after 99</p>']
    assert RENDERS[(channel, "en")] == 2


@pytest.mark.django_db(transaction=True)
def test_a_channel_published_faster_than_the_interval_is_rendered_once_per_interval():
    channel = "test:steady"
    shown: list[str] = [""]

    async def watch():
        async for event in live_events(channel, language="en"):
            shown.append(data_of(event))

    async def scenario():
        watcher = asyncio.ensure_future(watch())
        for n in range(40):  # 40 votes, one every 25 ms
            await sync_to_async(change)(channel, f"{n + 1} votes")
            await asyncio.sleep(0.025)
        await until(lambda: shown[-1] == '<p lang="en">40 votes</p>')
        watcher.cancel()

    run(scenario)

    starts = RENDERED_AT[channel]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= RENDER_INTERVAL - 0.01
    assert len(starts) < 40


@pytest.mark.django_db(transaction=True)
def test_a_slow_watcher_is_sent_only_the_latest_state():
    channel = "test:slow"
    TEXT[channel] = "v0"

    async def scenario():
        fast, slow = live_events(channel, language="en"), live_events(channel, language="en")
        for events in (fast, slow):
            await anext(events)  # retry
            assert data_of(await anext(events)) == '<p lang="en">v0</p>'
        for version in ("v1", "v2", "v3"):
            await sync_to_async(change)(channel, version)
            assert data_of(await anext(fast)) == f'<p lang="en">{version}</p>'
        latest = data_of(await anext(slow))
        await fast.aclose()
        await slow.aclose()
        return latest

    assert run(scenario) == '<p lang="en">v3</p>'
    assert RENDERS[(channel, "en")] == 4


@pytest.mark.django_db(transaction=True)
def test_every_watcher_is_sent_the_same_bytes_from_one_render_per_language():
    channel = "test:shared"
    TEXT[channel] = "motion carried"

    async def scenario():
        streams = [live_events(channel, language=lang) for lang in ["en"] * 20 + ["fr"] * 5]
        for events in streams:
            await anext(events)
        sent = [await anext(events) for events in streams]
        for events in streams:
            await events.aclose()
        return sent

    sent = run(scenario)

    assert set(sent[:20]) == {sent[0]}
    assert set(sent[20:]) == {sent[20]}
    assert data_of(sent[20]) == '<p lang="fr">motion carried</p>'
    assert {(channel, "en"): 1, (channel, "fr"): 1} == RENDERS


@pytest.mark.django_db(transaction=True)
def test_a_publish_rolled_back_is_never_sent():
    channel = "test:rollback"
    TEXT[channel] = "v0"

    def change_then_roll_back():
        with transaction.atomic():
            live_publish(channel)
            transaction.set_rollback(True)

    async def scenario():
        events = live_events(channel, language="en")
        await anext(events)
        await anext(events)
        await sync_to_async(change_then_roll_back)()
        await asyncio.sleep(3 * RENDER_INTERVAL)
        await events.aclose()

    run(scenario)

    assert RENDERS[(channel, "en")] == 1


@pytest.mark.django_db(transaction=True)
def test_a_render_that_changes_nothing_sends_nothing(settings):
    settings.NEWCOURSE_LIVE_HEARTBEAT_SECONDS = 0.5
    channel = "test:same"
    TEXT[channel] = "unchanged"

    async def scenario():
        events = live_events(channel, language="en")
        await anext(events)
        await anext(events)
        await sync_to_async(change)(channel, "unchanged")
        await until(lambda: RENDERS[(channel, "en")] == 2)
        following = await anext(events)
        await events.aclose()
        return following

    assert run(scenario) == b": still here\n\n"


@pytest.mark.django_db(transaction=True)
def test_the_state_the_client_shows_is_not_sent_again(settings):
    settings.NEWCOURSE_LIVE_HEARTBEAT_SECONDS = 0.2
    channel = "test:known"
    TEXT[channel] = "as shown"
    shown = live_render(channel)

    async def scenario():
        events = live_events(channel, language="en", last=shown.tag)
        await anext(events)
        following = await anext(events)
        await sync_to_async(change)(channel, "changed")
        changed = await anext(events)
        await events.aclose()
        return following, changed

    following, changed = run(scenario)

    assert following == b": still here\n\n"
    assert data_of(changed) == '<p lang="en">changed</p>'
    assert id_of(changed) != shown.tag


@pytest.mark.django_db(transaction=True)
def test_streams_end_when_the_process_stops():
    channel = "test:stop"

    async def scenario():
        events = live_events(channel, language="en")
        await anext(events)
        await anext(events)
        waiting = asyncio.ensure_future(anext(events))
        await asyncio.sleep(0.05)
        await live_close()
        with pytest.raises(StopAsyncIteration):
            await waiting

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_a_render_may_not_write(caplog):
    async def scenario():
        events = live_events("test-writes:x", language="en")
        await anext(events)
        waiting = asyncio.ensure_future(anext(events))
        await asyncio.sleep(0.3)
        assert not waiting.done()
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)

    run(scenario)

    assert "Could not render the live channel test-writes:x" in caplog.text
    assert "wrote: UPDATE" in caplog.text


def test_a_multi_line_fragment_is_sent_as_data_lines():
    from newcourse.live import LiveFragment  # noqa: PLC0415
    from newcourse.live._hub import event_bytes  # noqa: PLC0415

    fragment = LiveFragment.of("<ul>\r\n<li>For</li>\r<li>Against</li>\n</ul>")

    assert (
        event_bytes(fragment)
        == (
            f"id: {fragment.tag}\n"
            "data: <ul>\ndata: <li>For</li>\ndata: <li>Against</li>\ndata: </ul>\n\n"
        ).encode()
    )


@pytest.mark.parametrize("name", ["floor", "Floor:1", "floor:", ":1", "floor:1/2", "floor:a b"])
def test_a_malformed_channel_name_is_refused(name):
    with pytest.raises(ValueError, match="is not a live channel name"):
        live_publish(name)


def test_a_channel_no_app_registered_is_refused():
    with pytest.raises(ValueError, match="no app registered the live channels nobody:"):
        live_publish("nobody:1")


def test_a_prefix_belongs_to_one_app():
    with pytest.raises(ValueError, match="already registered"):
        live_channel("test", render=str, may_see=lambda channel, user: True)
