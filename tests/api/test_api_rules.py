"""The rules through the API: what is in force, the versions and their diffs, and the rule
changes that alone change them (proposed by officers, voted on by the members)."""

import contextlib
import datetime
from unittest import mock

import pytest
from django.utils import timezone
from tests.rulebooks import FOUNDED_ON, rulebook_text

from newcourse import rulebook
from newcourse.rules import services as rules_services

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)

# A vote that opens after the rulebook's 56 days' notice, whatever day the tests run.
_OPENING = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=90)).replace(
    hour=12, minute=0, second=0, microsecond=0
)
OPENS = _OPENING.isoformat().replace("+00:00", "Z")
CLOSES = (_OPENING + datetime.timedelta(days=14)).isoformat().replace("+00:00", "Z")


@pytest.fixture
def secretary(tree, officer_of):
    """The international's secretary, who may propose a change to the rulebook."""
    return officer_of(tree["international"])


def propose(secretary, tree, *, now, opens, threshold="30%", title="A lower recall threshold"):
    """A rule change to the rulebook, proposed at `now` for a vote opening at `opens`."""
    return rules_services.rule_change_propose(
        person=secretary.person,
        member=secretary,
        body=tree["international"],
        title=title,
        text=rulebook_text(**{"recall.threshold": threshold}),
        voting_opens_at=opens,
        reason="Recall should be within reach.",
        now=now,
    )


@pytest.fixture
def voting_change(secretary, tree, electorate):
    """A rule change proposed now, with the notice the rulebook requires (56 days): its vote
    opens in 57 days, and the scheduler has opened it (read it with `at(opens + HOUR)`)."""
    now = timezone.now()
    change = propose(secretary, tree, now=now, opens=now + 57 * DAY)
    assert rules_services.rule_changes_tick(now=change.voting_opens_at) == []
    change.refresh_from_db()
    return change


@pytest.fixture
def carried_change(voting_change, electorate):
    """The same change carried, four for and one against: version 2 (recall at 30%), in
    force from the day the vote closed, 71 days from now."""
    opens = voting_change.voting_opens_at
    for n, choice in enumerate(["for", "for", "for", "for", "against"]):
        rules_services.rule_change_vote(
            change=voting_change, member=electorate[n], choice=choice, now=opens + HOUR
        )
    assert rules_services.rule_changes_tick(now=voting_change.voting_closes_at + HOUR) == []
    voting_change.refresh_from_db()
    return voting_change


@pytest.fixture
def at(client):
    """Run the block as if it were `moment` (the API has no `now`), with `member` logged in
    then (a session from today would have expired)."""

    @contextlib.contextmanager
    def moment(when, member):
        with mock.patch.object(timezone, "now", return_value=when):
            client.force_login(member.person)
            yield client

    return moment


# What is in force -------------------------------------------------------------------------


def test_rules_in_force_give_every_parameter_of_the_rulebook(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/?date=2030-01-01")

    data = response.json()
    assert response.status_code == 200
    assert {k: v for k, v in data.items() if k != "parameters"} == {
        "body": "international",
        "date": "2030-01-01",
        "version": 1,
        "standing_orders_version": None,
    }
    assert sorted(data["parameters"]) == sorted(rulebook.CATALOGUE)
    assert [
        data["parameters"][name]
        for name in (
            "recall.threshold",
            "recall.majority",
            "rule_change.majority",
            "term.limit.post",
            "election.notice_days",
        )
    ] == ["2/5", "simple", "2/3", None, 42]


def test_rules_in_force_for_a_branch_are_the_rulebook_without_standing_orders(
    as_member, electorate
):
    today = timezone.localdate().isoformat()

    data = as_member(electorate[1]).get("/api/v1/bodies/north/rules/").json()

    assert (data["body"], data["date"], data["version"], data["standing_orders_version"]) == (
        "north",
        today,
        1,
        None,
    )
    assert data["parameters"]["recall.threshold"] == "2/5"


def test_rules_in_force_on_a_date_that_is_not_one_are_refused(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/north/rules/?date=2030-02-30")

    assert response.status_code == 400
    assert response.json()["type"] == "/api/v1/problems/invalid-input"
    assert response.json()["detail"] == "“date” must be a date, YYYY-MM-DD."


def test_rules_in_force_before_the_founding_are_no_rulebook(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/north/rules/?date=2000-01-01")

    assert response.status_code == 409
    assert response.json()["type"] == "/api/v1/problems/no-rulebook"


def test_rules_of_a_body_not_open_to_the_caller_are_not_found(as_member, tree, make_member):
    outsider = make_member(tree["far"])

    response = as_member(outsider).get("/api/v1/bodies/region/rules/")

    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such body, or you are not a member of it."


def test_rules_need_a_login(client, tree):
    response = client.get("/api/v1/bodies/international/rules/")

    assert response.status_code == 401


# Versions and diffs -----------------------------------------------------------------------


def test_rules_versions_list_the_founding_version_in_force(as_member, electorate, tree):
    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/versions/")

    data = response.json()
    (version,) = data["versions"]
    assert data["body"] == "international"
    assert {k: v for k, v in version.items() if k != "adopted_at"} == {
        "number": 1,
        "effective_on": FOUNDED_ON.isoformat(),
        "source": "model:trade-union.en",
        "rule_change": None,
        "text_sha256": rules_services.text_sha256(rulebook_text(**{"recall.threshold": "40%"})),
        "in_force": True,
    }


def test_rules_versions_of_a_body_without_standing_orders_are_none(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/region/rules/versions/")

    assert response.json() == {"body": "region", "versions": []}


def test_rules_version_gives_text_parameters_and_numbered_lines(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/versions/1/")

    data = response.json()
    text = rulebook_text(**{"recall.threshold": "40%"})
    assert (data["body"], data["number"], data["text"], data["in_force"]) == (
        "international",
        1,
        text,
        True,
    )
    assert (
        data["parameters"]["recall.threshold"]
        == rulebook.parse_rulebook(text).json_parameters()["recall.threshold"]
    )
    assert data["lines"][0]["number"] == 1
    assert data["lines"][0]["clause"] is None
    assert [line["number"] for line in data["lines"]] == list(range(1, len(data["lines"]) + 1))
    recall = [line for line in data["lines"] if line["text"].startswith("8.2 A petition")]
    assert [line["clause"] for line in recall] == ["8.2"]


def test_rules_version_that_does_not_exist_is_not_found(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/versions/7/")

    assert response.status_code == 404
    assert response.json()["type"] == "/api/v1/problems/no-such-version"
    assert response.json()["detail"] == "International has no version 7 of its rules."


def test_rules_diff_shows_the_parameter_and_lines_a_carried_change_made(
    as_member, electorate, carried_change
):
    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/diff/?from=1&to=2")

    data = response.json()
    assert response.status_code == 200
    assert (data["body"], data["old"], data["new"]) == ("international", 1, 2)
    assert data["parameters"] == [
        {"name": "recall.threshold", "old": "40% [20%..50%]", "new": "30% [20%..50%]"}
    ]
    (hunk,) = data["hunks"]
    assert ["40%" in line for line in hunk["old_lines"]] == [True]
    assert ["30%" in line for line in hunk["new_lines"]] == [True]
    assert data["text"].startswith("--- version 1\n+++ version 2\n")


def test_rules_diff_without_a_version_number_is_refused(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/diff/?from=1")

    assert response.status_code == 400
    assert response.json()["detail"] == "Give “to”: a version number, a whole number from 1."


def test_rules_diff_with_a_version_that_does_not_exist_is_not_found(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/diff/?from=1&to=2")

    assert response.status_code == 404
    assert response.json()["detail"] == "International has no version 2 of its rules."


def test_rules_after_a_carried_change_read_the_new_version_from_its_day(
    as_member, electorate, carried_change
):
    client = as_member(electorate[1])
    effective_on = timezone.localdate(carried_change.voting_closes_at + HOUR)

    today = client.get("/api/v1/bodies/north/rules/").json()
    then = client.get(f"/api/v1/bodies/north/rules/?date={effective_on.isoformat()}").json()
    versions = client.get("/api/v1/bodies/international/rules/versions/").json()["versions"]

    assert (today["version"], today["parameters"]["recall.threshold"]) == (1, "2/5")
    assert (then["version"], then["parameters"]["recall.threshold"]) == (2, "3/10")
    assert [
        (v["number"], v["source"], v["rule_change"], v["effective_on"], v["in_force"])
        for v in versions
    ] == [
        (1, "model:trade-union.en", None, FOUNDED_ON.isoformat(), True),
        (2, "rule-change", carried_change.pk, effective_on.isoformat(), False),
    ]


# Rule changes -------------------------------------------------------------------------------


def test_rule_changes_list_the_body_proposals(as_member, electorate, secretary, tree):
    now = timezone.now()
    change = propose(secretary, tree, now=now, opens=now + 60 * DAY)

    response = as_member(electorate[1]).get("/api/v1/bodies/international/rules/changes/")

    assert response.json() == {
        "body": "international",
        "rule_changes": [
            {
                "id": change.pk,
                "body": "international",
                "title": "A lower recall threshold",
                "status": "proposed",
                "proposed_at": _iso(change.proposed_at),
                "voting_opens_at": _iso(change.voting_opens_at),
                "voting_closes_at": _iso(change.voting_opens_at + 14 * DAY),
                "takes_effect_on": None,
            }
        ],
    }


def _iso(moment):
    """A moment as Django's JSON encoder writes it."""
    text = moment.isoformat()
    if moment.microsecond:
        text = text[:23] + text[26:]
    return text.removesuffix("+00:00") + ("Z" if text.endswith("+00:00") else "")


def test_rule_change_proposed_with_parameters_is_the_text_in_force_so_changed(
    as_member, secretary, post
):
    opens = timezone.now() + 57 * DAY

    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "Recall at a quarter",
            "parameters": {"recall.threshold": "25%"},
            "voting_opens_at": opens.isoformat(),
            "takes_effect_on": (opens + 30 * DAY).date().isoformat(),
        },
    )

    data = response.json()
    assert response.status_code == 201
    assert {
        k: data[k]
        for k in (
            "body",
            "title",
            "reason",
            "status",
            "amends",
            "rulebook_version",
            "proposed_by",
            "proposer",
            "electorate_size",
            "result",
            "decided_at",
            "adopted_version",
            "takes_effect_on",
            "you",
        )
    } == {
        "body": "international",
        "title": "Recall at a quarter",
        "reason": "",
        "status": "proposed",
        "amends": 1,
        "rulebook_version": 1,
        "proposed_by": f"member:{secretary.number}",
        "proposer": "Officer Person",
        "electorate_size": None,
        "result": None,
        "decided_at": None,
        "adopted_version": None,
        "takes_effect_on": (opens + 30 * DAY).date().isoformat(),
        "you": {"elector": False, "has_voted": False},
    }
    assert data["text"] == rulebook_text(**{"recall.threshold": "25%"})
    assert data["text_sha256"] == rules_services.text_sha256(data["text"])


def test_rule_change_proposed_with_a_whole_text_keeps_it(as_member, secretary, post):
    text = rulebook_text(**{"recall.threshold": "35%"})

    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "Recall at 35%",
            "reason": "Why not.",
            "text": text,
            "voting_opens_at": OPENS,
        },
    )

    data = response.json()
    assert response.status_code == 201
    assert (data["text"], data["reason"], data["voting_opens_at"]) == (
        text,
        "Why not.",
        OPENS,
    )
    assert data["voting_closes_at"] == CLOSES


def test_rule_change_with_both_text_and_parameters_is_refused(as_member, secretary, post):
    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "Both",
            "text": rulebook_text(),
            "parameters": {"recall.threshold": "25%"},
            "voting_opens_at": OPENS,
        },
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Give either “text”")


def test_rule_change_with_a_parameter_the_rules_do_not_set_is_refused(as_member, secretary, post):
    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "Unknown",
            "parameters": {"recall.ceiling": "25%"},
            "voting_opens_at": OPENS,
        },
    )

    assert response.status_code == 400
    assert response.json()["type"] == "/api/v1/problems/invalid-rules"


def test_rule_change_without_a_moment_for_its_vote_is_refused(as_member, secretary, post):
    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {"title": "When?", "parameters": {"recall.threshold": "25%"}, "voting_opens_at": "soon"},
    )

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Give “voting_opens_at”: a date and time, ISO 8601 (2027-03-01T18:00:00Z)."
    )


def test_rule_change_before_its_notice_is_refused(as_member, secretary, post):
    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "In a hurry",
            "parameters": {"recall.threshold": "25%"},
            "voting_opens_at": (timezone.now() + 10 * DAY).isoformat(),
        },
    )

    assert response.status_code == 409
    assert response.json()["type"] == "/api/v1/problems/outside-window"
    assert response.json()["detail"].startswith("The rules require 56 days' notice")


def test_rule_change_proposed_by_a_member_who_is_no_officer_is_not_permitted(
    as_member, electorate, post
):
    response = post(
        as_member(electorate[1]),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "Mine",
            "parameters": {"recall.threshold": "25%"},
            "voting_opens_at": OPENS,
        },
    )

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Only the officers of International may propose a change to its rules."
    )


def test_rule_change_detail_after_the_vote_gives_result_and_version(
    as_member, electorate, carried_change
):
    response = as_member(electorate[0]).get(f"/api/v1/rule-changes/{carried_change.pk}/")

    data = response.json()
    assert {
        k: data[k]
        for k in ("status", "electorate_size", "result", "adopted_version", "amends", "you")
    } == {
        "status": "carried",
        "electorate_size": 7,
        "result": {
            "for": 4,
            "against": 1,
            "abstain": 0,
            "majority": "2/3",
            "carried": True,
            "reason": carried_change.result["reason"],
        },
        "adopted_version": 2,
        "amends": 1,
        "you": {"elector": True, "has_voted": True},
    }


def test_rule_change_of_another_organisation_is_not_found(
    as_member, carried_change, make_member, db
):
    other = rules_services.organisation_found(
        actor="system:test",
        name="Elsewhere",
        kind="Union",
        text=rulebook_text(),
        source="model:trade-union.en",
    )
    stranger = make_member(other)
    client = as_member(stranger)

    response = client.get(f"/api/v1/rule-changes/{carried_change.pk}/")
    missing = client.get("/api/v1/rule-changes/999999/")

    assert (response.status_code, missing.status_code) == (404, 404)
    assert response.json() == missing.json()
    assert response.json()["detail"] == "There is no such rule change, or it is not open to you."


def test_rule_change_vote_is_taken_once(at, electorate, voting_change, post):
    url = f"/api/v1/rule-changes/{voting_change.pk}/"

    with at(voting_change.voting_opens_at + HOUR, electorate[2]) as client:
        first = post(client, url + "vote/", {"choice": "for"})
        again = post(client, url + "vote/", {"choice": "against"})
        detail = client.get(url).json()

    assert (first.status_code, first.json()) == (
        201,
        {"rule_change": voting_change.pk, "voted": True},
    )
    assert (again.status_code, again.json()["type"]) == (409, "/api/v1/problems/already-done")
    assert (detail["status"], detail["you"]) == ("voting", {"elector": True, "has_voted": True})
    assert voting_change.ballots.count() == 1


def test_rule_change_vote_before_voting_opens_is_refused(
    as_member, electorate, secretary, tree, post
):
    now = timezone.now()
    change = propose(secretary, tree, now=now, opens=now + 60 * DAY)

    response = post(
        as_member(electorate[2]), f"/api/v1/rule-changes/{change.pk}/vote/", {"choice": "for"}
    )

    assert response.status_code == 409
    assert response.json()["detail"] == "The vote on this rule change is not open."


def test_rule_change_vote_by_a_member_admitted_after_it_opened_is_not_permitted(
    at, tree, make_member, voting_change, post
):
    newcomer = make_member(tree["north"])

    with at(voting_change.voting_opens_at + HOUR, newcomer) as client:
        response = post(client, f"/api/v1/rule-changes/{voting_change.pk}/vote/", {"choice": "for"})

    assert response.status_code == 403
    assert response.json()["detail"].startswith("You are not on the electorate of this vote")


def test_rule_change_vote_with_another_choice_is_refused(at, electorate, voting_change, post):
    url = f"/api/v1/rule-changes/{voting_change.pk}/vote/"

    with at(voting_change.voting_opens_at + HOUR, electorate[2]) as client:
        word = post(client, url, {"choice": "yes"})
        number = post(client, url, {"choice": 1})

    assert [(r.status_code, r.json()["detail"]) for r in (word, number)] == [
        (400, "Vote for, against or abstain."),
        (400, "“choice” must be “for”, “against” or “abstain”."),
    ]


def test_rule_change_whose_vote_has_closed_is_counting_until_the_scheduler_decides(
    at, electorate, voting_change
):
    with at(voting_change.voting_closes_at + HOUR, electorate[1]) as client:
        data = client.get(f"/api/v1/rule-changes/{voting_change.pk}/").json()

    assert (data["status"], data["result"], data["adopted_version"]) == ("counting", None, None)


def test_rule_change_with_a_day_of_effect_that_is_not_a_date_is_refused(as_member, secretary, post):
    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "Some day",
            "parameters": {"recall.threshold": "25%"},
            "voting_opens_at": OPENS,
            "takes_effect_on": 20990301,
        },
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "“takes_effect_on” must be a date, YYYY-MM-DD."


def test_rule_change_with_parameters_that_are_not_an_object_is_refused(as_member, secretary, post):
    response = post(
        as_member(secretary),
        "/api/v1/bodies/international/rules/changes/",
        {
            "title": "A list",
            "parameters": ["recall.threshold", "25%"],
            "voting_opens_at": OPENS,
        },
    )

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "“parameters” must be an object: each parameter's name with its new value."
    )
