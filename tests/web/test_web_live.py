"""`GET /live/<channel>/`: the stream of server-sent events that keeps a live element current.

Read through Django's AsyncClient, as a browser's EventSource would: the current state first,
then each state committed after; nothing the client already shows; a comment while nothing
changes; the same refusal for a channel that does not exist and one the person may not see.
"""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import transaction
from django.template import Context, Template
from django.test import AsyncClient
from tests.live.channels import RENDERS, TEXT, data_of, id_of

from newcourse.live import live_close, live_publish, live_render


@pytest.fixture(autouse=True)
def within_the_process(settings):
    settings.NEWCOURSE_LIVE = "process"
    settings.NEWCOURSE_LIVE_HEARTBEAT_SECONDS = 15
    yield
    TEXT.clear()
    RENDERS.clear()


@pytest.fixture
def member(tree, make_member):
    return make_member(tree["north"]).person


def run(scenario):
    async def closing():
        try:
            return await scenario()
        finally:
            await live_close()

    return async_to_sync(closing)()


async def opened(client: AsyncClient, url: str, **headers):
    response = await client.get(url, headers=headers)
    return response, aiter(response.streaming_content)


def change(channel: str, text: str) -> None:
    with transaction.atomic():
        TEXT[channel] = text
        live_publish(channel)


def test_the_first_event_is_the_current_state(member):
    TEXT["test:agenda"] = "Item 4: the treasurer's report"

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        response, events = await opened(client, "/live/test:agenda/")
        retry, first = await anext(events), await anext(events)
        await events.aclose()
        return response, retry, first

    response, retry, first = run(scenario)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["X-Accel-Buffering"] == "no"
    assert 1000 <= int(retry.decode().removeprefix("retry: ").strip()) < 5000
    assert data_of(first) == '<p lang="en">Item 4: the treasurer&#x27;s report</p>'
    assert id_of(first) == live_render("test:agenda").tag


def test_the_state_is_rendered_in_the_watchers_language(member):
    TEXT["test:agenda"] = "Point 4"

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        _response, events = await opened(client, "/live/test:agenda/", accept_language="fr")
        await anext(events)
        first = await anext(events)
        await events.aclose()
        return first

    assert data_of(run(scenario)) == '<p lang="fr">Point 4</p>'


def test_a_change_committed_is_the_next_event(member, django_capture_on_commit_callbacks):
    TEXT["test:count"] = "0 for"

    def vote() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            change("test:count", "1 for")

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        _response, events = await opened(client, "/live/test:count/")
        await anext(events)
        before = await anext(events)
        await sync_to_async(vote)()
        after = await anext(events)
        await events.aclose()
        return before, after

    before, after = run(scenario)

    assert data_of(before) == '<p lang="en">0 for</p>'
    assert data_of(after) == '<p lang="en">1 for</p>'


@pytest.mark.parametrize("given", ["header", "query"])
def test_a_reconnecting_client_is_not_sent_the_state_it_has(member, settings, given):
    settings.NEWCOURSE_LIVE_HEARTBEAT_SECONDS = 0.1
    TEXT["test:agenda"] = "Item 5"
    tag = live_render("test:agenda").tag

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        if given == "header":
            _response, events = await opened(client, "/live/test:agenda/", last_event_id=tag)
        else:
            _response, events = await opened(client, f"/live/test:agenda/?last={tag}")
        await anext(events)
        following = await anext(events)
        await events.aclose()
        return following

    assert run(scenario) == b": still here\n\n"


def test_a_reconnecting_client_with_an_older_state_is_sent_the_current_one(member):
    TEXT["test:agenda"] = "Item 5"
    older = live_render("test:agenda").tag
    TEXT["test:agenda"] = "Item 6"

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        _response, events = await opened(client, "/live/test:agenda/", last_event_id=older)
        await anext(events)
        first = await anext(events)
        await events.aclose()
        return first

    assert data_of(run(scenario)) == '<p lang="en">Item 6</p>'


def test_a_quiet_channel_sends_a_heartbeat(member, settings):
    settings.NEWCOURSE_LIVE_HEARTBEAT_SECONDS = 0.1

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        _response, events = await opened(client, "/live/test:quiet/")
        await anext(events)
        await anext(events)
        beats = [await asyncio.wait_for(anext(events), 2) for _ in range(3)]
        await events.aclose()
        return beats

    assert run(scenario) == [b": still here\n\n"] * 3


@pytest.mark.parametrize(
    ("who", "channel"),
    [
        ("member", "test:secret-ballot"),  # may_see says no
        ("nobody", "test:agenda"),  # not logged in
        ("member", "nowhere:1"),  # no app registered the prefix
        ("member", "not-a-channel"),  # not a channel name at all
    ],
)
def test_a_refusal_does_not_say_whether_the_channel_exists(member, who, channel):
    async def scenario():
        client = AsyncClient()
        if who == "member":
            await client.aforce_login(member)
        return await client.get(f"/live/{channel}/")

    response = run(scenario)

    assert response.status_code == 404
    assert not response.streaming
    assert RENDERS == {}


def test_head_answers_without_a_stream(member):
    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        return await client.head("/live/test:agenda/")

    response = run(scenario)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    assert not response.streaming
    assert response.content == b""


def test_a_post_is_refused(member):
    async def scenario():
        client = AsyncClient()
        await client.aforce_login(member)
        return await client.post("/live/test:agenda/")

    assert run(scenario).status_code == 405


def test_the_live_tag_shows_the_state_the_stream_would_send():
    TEXT["test:speakers"] = "Next: Glasgow"
    template = Template('{% load live %}{% live "test:speakers" "section" %}')

    html = template.render(Context())

    tag = live_render("test:speakers").tag
    assert html == (
        f'<section data-live="test:speakers" data-live-last="{tag}">'
        '<p lang="en">Next: Glasgow</p></section>'
    )
