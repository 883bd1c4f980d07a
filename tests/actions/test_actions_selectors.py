"""A body's actions are marked overdue once their due date has passed unless done or dropped,
and the generated report lists every action still open, or finished since the date asked."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.actions import selectors, services

DAY = datetime.timedelta(days=1)


def test_an_action_is_overdue_after_its_due_date_until_done(create, tree, north) -> None:
    today = timezone.localdate()
    action = create(due_on=today + DAY)

    before = selectors.action_report(tree["international"], on=today + DAY)
    after = selectors.action_report(tree["international"], on=today + 2 * DAY)
    services.action_update(person=north.person, member=north, action=action, status="done")
    done = selectors.action_report(tree["international"], on=today + 2 * DAY)

    assert [line.overdue for line in before.lines] == [False]
    assert [line.overdue for line in after.lines] == [True]
    assert [line.overdue for line in done.lines] == [False]


def test_an_action_without_a_due_date_is_never_overdue(create, tree) -> None:
    create()
    report = selectors.action_report(tree["international"], on=timezone.localdate() + 400 * DAY)
    assert [line.overdue for line in report.lines] == [False]


def test_the_report_lists_every_action_with_its_status_and_last_update(create, tree, north) -> None:
    first = create(task="First.")
    second = create(task="Second.", due_on=timezone.localdate() + 7 * DAY)
    services.action_update(
        person=north.person, member=north, action=first, status="in-progress", note="Begun."
    )

    report = selectors.action_report(tree["international"])

    assert [(line.action.pk, line.action.status) for line in report.lines] == [
        (second.pk, "not-started"),
        (first.pk, "in-progress"),
    ]
    data = report.as_json()
    assert [a["last_update"]["note"] if a["last_update"] else None for a in data["actions"]] == [
        None,
        "Begun.",
    ]
    text = report.as_text()
    assert f"#{first.pk} [in-progress] First." in text
    assert "Begun." in text


def test_the_report_since_a_date_leaves_out_only_what_was_finished_before_it(
    create, tree, north
) -> None:
    finished = create(task="Finished long ago.")
    open_one = create(task="Still open.")
    services.action_update(
        person=north.person,
        member=north,
        action=finished,
        status="done",
        now=timezone.now() - 40 * DAY,
    )

    report = selectors.action_report(tree["international"], since=timezone.localdate() - DAY)
    everything = selectors.action_report(tree["international"])

    assert [line.action.pk for line in report.lines] == [open_one.pk]
    assert {line.action.pk for line in everything.lines} == {finished.pk, open_one.pk}


def test_the_owners_report_lists_what_a_body_carries_out_whoever_decided_it(create, tree) -> None:
    by_office = create(task="By North's secretary.")
    by_body = create(task="By North.", owner_body=tree["north"])
    create(task="By South.", owner_body=tree["south"])

    report = selectors.action_report(tree["north"], owned=True)

    assert {line.action.pk for line in report.lines} == {by_office.pk, by_body.pk}
    assert report.as_text().startswith("Actions carried out by North")
    assert selectors.action_report(tree["north"]).lines == []
