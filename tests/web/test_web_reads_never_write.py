"""GET and HEAD are safe (RFC 9110 §9.2.1): no page or API read writes to the database.

Each demo role logs in (the login's own writes, `last_login` and the session, come before
recording starts), then every same-site link is followed breadth-first from the dashboard and
every GET endpoint of /api/v1/ is read for every body, office, election and petition of the
demo, while every SQL statement is recorded; an INSERT, UPDATE, DELETE, REPLACE or VACUUM
fails the test, and so does a server error. The session is not exempt: nothing a GET does needs
to change it (messages travel in a cookie), so it is recorded like any other table.

The crawl runs twice: at the demo's own time, and with the clock moved past every election's
next deadline, when every page would once have taken the due step itself.

The live streams (`/live/<channel>/`, which no page links to: live.js opens them) are read
on their own, their statements recorded in every thread, since their renders run on one of
their own.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, deque
from html.parser import HTMLParser
from typing import Any
from unittest import mock
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from asgiref.sync import async_to_sync
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import Max
from django.test import AsyncClient, Client
from django.urls import reverse
from django.utils import timezone

from newcourse import demo
from newcourse.actions.models import Action
from newcourse.api import urls as api_urls
from newcourse.conferences.models import Composite, Conference, Delegation, Motion
from newcourse.discipline.models import Case
from newcourse.elections.models import Election, ElectionStatus, RecallPetition
from newcourse.elections.services.timetable import tellers_deadline
from newcourse.live import live_close
from newcourse.offices.models import Office
from newcourse.organisation.models import Body
from newcourse.rules.models import RuleChange, RulesVersion
from newcourse.tendencies.models import Tendency

pytestmark = pytest.mark.slow

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "VACUUM")
# Not pages of ours: the operator's admin, static files, the language switch (a POST).
SKIPPED_PREFIXES = ("/operator/", "/static/", "/i18n/", "/accounts/logout/", "/api/")
MAX_PAGES = 600
# Pages of one shape (digits and member numbers aside) visited at most this many times, so
# that the crawl goes wide (every kind of page) rather than through 300 member pages.
MAX_PER_SHAPE = 12
API_GET = {
    "api_openapi": [],
    "api_record_head": [],
    "api_record_key": [],
    "api_bodies": [],
    "api_body": ["slug"],
    "api_body_record": ["slug"],
    "api_office": ["office_id"],
    "api_elections": [],
    "api_election": ["election_id"],
    "api_result": ["election_id"],
    "api_ballots_blt": ["election_id"],
    "api_ballots_json": ["election_id"],
    "api_verifiable": ["election_id"],
    "api_board": ["election_id"],
    "api_teller_files": ["election_id", "kind"],
    "api_for_tellers_zip": ["election_id"],
    "api_record_zip": ["election_id"],
    "api_electors": ["election_id"],
    "api_petition": ["petition_id"],
    "api_rules": ["slug"],
    "api_rules_versions": ["slug"],
    "api_rules_version": ["slug", "number"],
    "api_rules_diff": ["slug"],
    "api_rule_changes": ["slug"],
    "api_rule_change": ["change_id"],
    "api_body_conferences": ["slug"],
    "api_body_programme": ["slug"],
    "api_conference": ["conference_id"],
    "api_conference_motions": ["conference_id"],
    "api_motion": ["motion_id"],
    "api_motion_amendments": ["motion_id"],
    "api_conference_committees": ["conference_id"],
    "api_conference_rulings": ["conference_id"],
    "api_conference_composites": ["conference_id"],
    "api_conference_agenda": ["conference_id"],
    "api_conference_decisions": ["conference_id"],
    "api_composite": ["composite_id"],
    "api_conference_credentials": ["conference_id"],
    "api_conference_instructions": ["conference_id", "slug"],
    "api_conference_priorities": ["conference_id"],
    "api_conference_floor": ["conference_id"],
    "api_conference_minutes": ["conference_id"],
    "api_body_tendencies": ["slug"],
    "api_tendency": ["tendency_id"],
    "api_body_actions": ["slug"],
    "api_action": ["action_id"],
    "api_body_cases": ["slug"],
    "api_case": ["case_id"],
}
API_POST_ONLY = {
    "api_nominate",
    "api_cast",
    "api_teller_submit",
    "api_credentials_upload",
    "api_second",
    "api_accept",
    "api_withdraw",
    "api_recall_open",
    "api_sign",
    "api_rule_change_vote",
    "api_amendment_accept",
    "api_composite_answer",
    "api_not_found",
    "api_credential_review",
    "api_credential_challenge",
    "api_credential_stand_down",
    "api_priorities_vote",
    "api_floor_take_up",
    "api_floor_check_in",
    "api_floor_check_out",
    "api_floor_votes",
    "api_floor_vote_cast",
    "api_floor_vote_close",
    "api_floor_vote_demand",
    "api_floor_declare",
    "api_floor_speakers",
    "api_floor_speakers_next",
    "api_floor_speakers_end",
    "api_floor_speakers_rules",
    "api_floor_speaker_act",
    "api_tendency_sign",
    "api_tendency_withdraw",
    "api_tendency_dissolve",
    "api_action_update",
}
TELLER_KINDS = ["public-key", "commitment", "deal", "complaints"]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


class Writes:
    """Every statement that writes, with the URL being read when it ran."""

    def __init__(self) -> None:
        self.url = ""
        self.found: list[tuple[str, str]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith(WRITES):
            self.found.append((self.url, sql[:160]))
        return execute(sql, params, many, context)


def _shape(path: str) -> str:
    return re.sub(r"/\d+", "/N", path)


def _crawl(client: Client, writes: Writes) -> tuple[list[str], list[tuple[str, int]]]:
    """Follow every same-site link from the dashboard; return the pages read and any server
    errors."""
    queue, seen, shapes = deque(["/"]), {"/"}, Counter[str]()
    visited, errors = [], []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        writes.url = url
        response = client.get(url)
        head = client.head(url)
        visited.append(url)
        for answer in (response, head):
            if answer.status_code >= 500:
                errors.append((url, answer.status_code))
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            link, _fragment = urldefrag(urljoin(url, href))
            parts = urlsplit(link)
            if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or parts.path.startswith(SKIPPED_PREFIXES):
                continue
            seen.add(target)
            shapes[_shape(parts.path)] += 1
            if shapes[_shape(parts.path)] <= MAX_PER_SHAPE:
                queue.append(target)
    return visited, errors


def _api_reads() -> list[str]:
    """Every GET endpoint of the API, for every object of the demo it takes."""
    values = {
        "slug": list(Body.objects.values_list("slug", flat=True)),
        "office_id": list(Office.objects.values_list("pk", flat=True)),
        "election_id": list(Election.objects.values_list("pk", flat=True)),
        "petition_id": list(RecallPetition.objects.values_list("pk", flat=True)),
        "kind": TELLER_KINDS,
        "change_id": list(RuleChange.objects.values_list("pk", flat=True)),
        "conference_id": list(Conference.objects.values_list("pk", flat=True)),
        "motion_id": list(Motion.objects.values_list("pk", flat=True)),
        "composite_id": list(Composite.objects.values_list("pk", flat=True)),
        "tendency_id": list(Tendency.objects.values_list("pk", flat=True)),
        "action_id": list(Action.objects.values_list("pk", flat=True)),
        "case_id": list(Case.objects.values_list("pk", flat=True)),
    }
    pairs = {
        ("election_id", "kind"): [(e, k) for e in values["election_id"] for k in values["kind"]],
        ("slug", "number"): list(RulesVersion.objects.values_list("body__slug", "number")),
        ("conference_id", "slug"): list(
            Delegation.objects.values_list("conference_id", "unit__slug")
        ),
    }
    urls = []
    for name, params in API_GET.items():
        if not params:
            urls.append(reverse(name))
        elif len(params) == 1:
            urls += [reverse(name, kwargs={params[0]: v}) for v in values[params[0]]]
        else:
            urls += [
                reverse(name, kwargs=dict(zip(params, pair, strict=True)))
                for pair in pairs[(params[0], params[1])]
            ]
    # The diff between each body's first and latest versions, as a reader would ask for it.
    for slug, last in (
        RulesVersion.objects.order_by().values_list("body__slug").annotate(Max("number"))
    ):
        urls.append(reverse("api_rules_diff", kwargs={"slug": slug}) + f"?from=1&to={last}")
    return urls


def _past_every_deadline() -> datetime.datetime:
    """A moment after every election's next deadline."""
    deadlines = []
    for election in Election.objects.exclude(status=ElectionStatus.DECLARED):
        deadlines += [election.nominations_open_at, election.voting_opens_at]
        deadlines += [election.voting_closes_at, tellers_deadline(election)]
    return max(deadlines) + datetime.timedelta(hours=1)


def _read_everything_as_each_role() -> None:
    failures = []
    for login in demo.demo_logins():
        client = Client()
        assert client.login(username=login.email, password=demo.DEMO_PASSWORD)
        writes = Writes()
        with connection.execute_wrapper(writes):
            visited, errors = _crawl(client, writes)
            for url in _api_reads():
                writes.url = url
                status = client.get(url).status_code
                if status >= 500:
                    errors.append((url, status))
        assert len(visited) > 20, (login.email, visited)
        assert any(_shape(url) == "/elections/N/" for url in visited), visited
        if writes.found or errors:
            failures.append((login.email, writes.found[:20], errors[:20]))
    assert failures == []


def test_every_api_endpoint_is_read_here_or_takes_only_posts():
    names = {pattern.name for pattern in api_urls.urlpatterns}
    assert names == set(API_GET) | API_POST_ONLY


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_no_page_or_api_read_writes(seeded):
    before = dict(Election.objects.values_list("pk", "status"))
    _read_everything_as_each_role()
    assert dict(Election.objects.values_list("pk", "status")) == before


def test_no_read_takes_a_due_step(seeded):
    """With the clock past every deadline, every page of an election that is due to move would
    once have moved it: now none may, and every page still answers."""
    before = dict(Election.objects.values_list("pk", "status"))
    later = _past_every_deadline()
    with mock.patch.object(timezone, "now", return_value=later):
        assert Election.objects.exclude(status=ElectionStatus.DECLARED).exists()
        _read_everything_as_each_role()
    assert dict(Election.objects.values_list("pk", "status")) == before


# The live streams: each channel's prefix, with one channel of it to read. Channels are
# registered by the apps that own them; these are registered by the tests (tests/live).
LIVE_CHANNELS = {"test": "test:agenda", "test-members": "test-members:north"}


@pytest.mark.django_db(transaction=True)
def test_no_live_stream_writes(tree, make_member, monkeypatch, settings):
    from tests.live.channels import data_of  # noqa: PLC0415 - registers the test channels

    from newcourse.live._channels import _channels  # noqa: PLC0415

    assert set(_channels) >= set(LIVE_CHANNELS)
    settings.NEWCOURSE_LIVE = "process"
    person = make_member(tree["north"]).person
    recording, writes = [False], []
    execute = CursorWrapper._execute_with_wrappers

    def record(cursor, sql, params, many, executor):
        if recording[0] and sql.lstrip().upper().startswith(WRITES):
            writes.append(sql[:160])
        return execute(cursor, sql, params, many, executor)

    monkeypatch.setattr(CursorWrapper, "_execute_with_wrappers", record)

    async def read_every_channel():
        client = AsyncClient()
        await client.aforce_login(person)
        recording[0] = True
        firsts = []
        try:
            for channel in LIVE_CHANNELS.values():
                response = await client.get(f"/live/{channel}/")
                assert response.status_code == 200, channel
                events = aiter(response.streaming_content)
                await anext(events)
                firsts.append(data_of(await anext(events)))
                await events.aclose()
        finally:
            recording[0] = False
            await live_close()
        return firsts

    firsts = async_to_sync(read_every_channel)()

    assert firsts == ['<p lang="en"></p>', "<p>1 members</p>"]
    assert writes == []
