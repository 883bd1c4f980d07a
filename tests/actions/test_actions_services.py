"""The rules of decisions carried out: only a carried decision gets actions, recorded by the
officers of the body that took it; only the owner writes updates and moves the status forward;
the owner cannot drop an action; dropping needs a later carried decision of the same body;
every change goes to the open record."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from newcourse.actions import services
from newcourse.actions.models import Action, ActionStatus, ActionUpdate
from newcourse.offices import services as office_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, Conflict, InvalidInput, NotPermitted

DAY = datetime.timedelta(days=1)


def entries(action: str) -> list[dict]:
    return [e.payload for e in RecordEntry.objects.filter(action=action).order_by("seq")]


def update(action, by, status, note=""):
    return services.action_update(
        person=by.person, member=by, action=action, status=status, note=note
    )


def drop(action, by, decision):
    return services.action_drop(person=by.person, member=by, action=action, decision=decision)


def test_an_action_on_a_carried_decision_starts_not_started_and_is_recorded(
    create, decisions, secretary, north_secretary_office
) -> None:
    due = timezone.localdate() + 30 * DAY

    action = create(due_on=due)

    assert (action.status, action.decision, action.due_on) == (
        ActionStatus.NOT_STARTED,
        decisions["carried"],
        due,
    )
    assert action.decided == str(decisions["carried"].motion)
    (payload,) = entries("action.created")
    assert payload["owner"] == f"office:{north_secretary_office.pk}"
    assert (payload["decision"], payload["due_on"], payload["by"]) == (
        decisions["carried"].pk,
        due.isoformat(),
        f"member:{secretary.number}",
    )


def test_a_lost_decision_gets_no_action(create, decisions) -> None:
    with pytest.raises(Conflict, match="Only a carried decision asks for action"):
        create(decision=decisions["lost"])
    assert Action.objects.count() == 0


def test_a_decision_of_another_body_is_refused(create, tree, secretary) -> None:
    office = office_services.office_create(actor="t", body=tree["other_section"], title="Chair")
    office_services.term_record_founding(actor="t", office=office, members=[secretary])
    with pytest.raises(InvalidInput, match="not a decision of Other Section"):
        create(body=tree["other_section"], owner_body=tree["other_section"])


def test_only_the_officers_of_the_body_record_actions(
    tree, decisions, north, north_secretary_office
) -> None:
    with pytest.raises(NotPermitted, match="Only the officers of International"):
        services.action_create(
            person=north.person,
            member=north,
            body=tree["international"],
            decision=decisions["carried"],
            task="Anything.",
            owner_office=north_secretary_office,
        )
    assert Action.objects.count() == 0


def test_a_meetings_decision_is_named_in_words_until_meetings_exist(tree, secretary) -> None:
    action = services.action_create(
        person=secretary.person,
        member=secretary,
        body=tree["international"],
        decided="The executive agreed to audit the accounts.",
        task="Appoint an auditor.",
        owner_body=tree["international"],
    )
    assert (action.decision, action.decided) == (
        None,
        "The executive agreed to audit the accounts.",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda tree, office: {"task": "  "}, "Say what is to be done"),
        (
            lambda tree, office: {"owner_office": office, "owner_body": tree["north"]},
            "Name one owner",
        ),
        (lambda tree, office: {"task": "x" * 2001}, "at most 2000 characters"),
        (
            lambda tree, office: {"due_on": timezone.localdate() - DAY},
            "A due date is today or later",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(
    create, tree, north_secretary_office, change, message
) -> None:
    with pytest.raises(InvalidInput, match=message):
        create(**change(tree, north_secretary_office))
    assert (Action.objects.count(), entries("action.created")) == (0, [])


def test_the_owner_moves_it_forward_to_done_with_dated_updates(create, north) -> None:
    action = create()

    update(action, north, "in-progress", "Letter drafted.")
    update(action, north, "in-progress", "Sent to half the branches.")
    update(action, north, "done", "Sent to every branch.")

    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert list(action.updates.values_list("status", "note")) == [
        ("in-progress", "Letter drafted."),
        ("in-progress", "Sent to half the branches."),
        ("done", "Sent to every branch."),
    ]
    assert [(p["from"], p["status"]) for p in entries("action.updated")] == [
        ("not-started", "in-progress"),
        ("in-progress", "in-progress"),
        ("in-progress", "done"),
    ]
    assert "Sent to every branch." not in str(entries("action.updated"))


def test_a_body_as_owner_acts_through_its_officers(create, tree, north, member) -> None:
    action = create(owner_body=tree["north"])

    update(action, north, "in-progress")

    with pytest.raises(NotPermitted):
        update(action, member, "done")
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_only_the_owner_writes_updates(create, secretary, member) -> None:
    action = create()

    for someone in (secretary, member):
        with pytest.raises(NotPermitted, match="Only the action's owner"):
            update(action, someone, "in-progress")

    assert (ActionUpdate.objects.count(), entries("action.updated")) == (0, [])


def test_no_going_back_to_not_started(create, north) -> None:
    action = create()
    update(action, north, "in-progress")

    with pytest.raises(Conflict, match="cannot be set to Not started"):
        update(action, north, "not-started")


def test_done_goes_back_to_in_progress_only_with_a_note_saying_why(create, north) -> None:
    action = create()
    update(action, north, "done")

    with pytest.raises(InvalidInput, match="Say why"):
        update(action, north, "in-progress")
    update(action, north, "in-progress", "Two branches never received it.")

    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_an_unknown_status_is_refused(create, north) -> None:
    with pytest.raises(InvalidInput, match="A status is one of"):
        update(create(), north, "finished")


def test_the_owner_cannot_drop_an_action(create, north, decisions) -> None:
    action = create()

    with pytest.raises(NotPermitted, match="An owner cannot drop an action"):
        update(action, north, "dropped")
    with pytest.raises(NotPermitted, match="Only International drops an action"):
        drop(action, north, decisions["later"])

    action.refresh_from_db()
    assert (action.status, action.dropped_by) == (ActionStatus.NOT_STARTED, None)


def test_dropping_needs_a_later_carried_decision_of_the_same_body(
    create, secretary, decisions, north
) -> None:
    action = create()

    with pytest.raises(InvalidInput, match="later decision"):
        drop(action, secretary, decisions["carried"])
    with pytest.raises(Conflict, match="was lost"):
        drop(action, secretary, decisions["lost"])
    drop(action, secretary, decisions["later"])

    action.refresh_from_db()
    assert (action.status, action.dropped_by) == (ActionStatus.DROPPED, decisions["later"])
    (payload,) = entries("action.dropped")
    assert (payload["decision"], payload["from"]) == (decisions["later"].pk, "not-started")
    with pytest.raises(Conflict, match="dropped by a decision"):
        update(action, north, "in-progress")
    with pytest.raises(AlreadyDone):
        drop(action, secretary, decisions["later"])
