"""Every change to an action: creating it on a carried decision, its owner's dated updates,
and dropping it by a later decision of the body that took it. Each goes to the open record:
who decided what (the decision), who is to carry it out (the owner), and what became of it
(each status), with the acting officer's member number as the other apps record it.

The owner moves an action forward: not started → in progress → done (an update may keep the
status, as a dated progress note). Done may go back to in progress only with a note saying
why. No owner can drop an action: dropping needs a later carried decision of the same body,
entered by one of its officers, and nothing follows it.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences.models import Decision
from newcourse.notices.models import Kind
from newcourse.notices.services import Notice, asked_for, notify
from newcourse.offices.models import Office
from newcourse.organisation.models import Body, Member
from newcourse.record.services import record_append
from newcourse.refusals import AlreadyDone, Conflict, InvalidInput, NotPermitted

from .access import may_act_as_owner, may_act_for_body
from .models import (
    CLOSED,
    NOTE_MAX_LENGTH,
    OWNER_MOVES,
    TASK_MAX_LENGTH,
    Action,
    ActionStatus,
    ActionUpdate,
)


def _subject(action: Action) -> str:
    return f"action:{action.pk}"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _check_acting(person: Any, member: Member) -> None:
    if member.person_id != getattr(person, "pk", None):
        raise NotPermitted(_("Officers and owners act in their own names."))


def _text(value: str, *, missing: str, limit: int = TASK_MAX_LENGTH) -> str:
    value = value.strip()
    if not value:
        raise InvalidInput(missing)
    if len(value) > limit:
        raise InvalidInput(_("This text is at most %(limit)d characters.") % {"limit": limit})
    return value


def _note(note: str) -> str:
    """An update's note, stripped, within its length."""
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput(
            _("A note is at most %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}
        )
    return note


def _check_carried_by(decision: Decision, body: Body) -> None:
    if decision.conference.body_id != body.pk:
        raise InvalidInput(
            _("That is not a decision of %(body)s: choose one of its own.") % {"body": body}
        )
    if decision.outcome != Decision.Outcome.CARRIED:
        raise Conflict(
            _("Only a carried decision asks for action: %(decision)s was lost.")
            % {"decision": decision.motion or decision.composite}
        )


def _check_owner(body: Body, owner_office: Office | None, owner_body: Body | None) -> str:
    if (owner_office is None) == (owner_body is None):
        raise InvalidInput(_("Name one owner: an office or a body."))
    owner_in = owner_office.body if owner_office is not None else owner_body
    if owner_in is None or not owner_in.is_within(body):
        raise InvalidInput(
            _("The owner is an office or a body of %(body)s, or of a body within it.")
            % {"body": body}
        )
    return f"office:{owner_office.pk}" if owner_office else f"body:{owner_in.slug}"


def action_create(
    *,
    person: Any,
    member: Member,
    body: Body,
    task: str,
    decision: Decision | None = None,
    decided: str = "",
    owner_office: Office | None = None,
    owner_body: Body | None = None,
    due_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Action:
    """An action `body`'s carried `decision` asks for, created by one of `body`'s officers,
    owned by one office or one body of `body` (or within it), due by `due_on` if given.
    Without a conference decision (a meeting's, until meetings are kept here), `decided`
    says in words what was decided."""
    now = now or timezone.now()
    _check_acting(person, member)
    if not may_act_for_body(person, body):
        raise NotPermitted(
            _("Only the officers of %(body)s record the actions of its decisions.") % {"body": body}
        )
    task = _text(task, missing=_("Say what is to be done."))
    if decision is not None:
        _check_carried_by(decision, body)
        decided = decided.strip() or str(decision.motion or decision.composite)
    decided = _text(decided, missing=_("Say what was decided, or name the decision."))
    owner = _check_owner(body, owner_office, owner_body)
    if due_on is not None and due_on < timezone.localdate(now):
        raise InvalidInput(_("A due date is today or later."))
    with transaction.atomic():
        action = Action.objects.create(
            body=body,
            decision=decision,
            decided=decided,
            task=task,
            owner_office=owner_office,
            owner_body=owner_body,
            due_on=due_on,
            created_by=member,
            created_at=now,
        )
        record_append(
            actor=person,
            action="action.created",
            subject=_subject(action),
            body=body,
            payload={
                "action": action.pk,
                "decision": decision.pk if decision else None,
                "decided_sha256": _sha256(decided),
                "task": task,
                "owner": owner,
                "due_on": due_on.isoformat() if due_on else None,
                "status": action.status,
                "by": f"member:{member.number}",
            },
        )
    return action


def _locked(action: Action) -> Action:
    return (
        Action.objects.select_for_update(of=("self",))
        .select_related("body", "owner_office", "owner_body", "decision")
        .get(pk=action.pk)
    )


def action_update(
    *,
    person: Any,
    member: Member,
    action: Action,
    status: str,
    note: str = "",
    now: datetime.datetime | None = None,
) -> ActionUpdate:
    """The owner's dated update: the status it sets (see `OWNER_MOVES`) and a note. Going
    back from done needs a note saying why; dropping is never the owner's."""
    now = now or timezone.now()
    _check_acting(person, member)
    note = _note(note)
    if status not in ActionStatus.values:
        raise InvalidInput(
            _("A status is one of: %(statuses)s.") % {"statuses": ", ".join(ActionStatus.values)}
        )
    with transaction.atomic():
        action = _locked(action)
        if not may_act_as_owner(person, action):
            raise NotPermitted(
                _("Only the action's owner (%(owner)s) writes its updates.")
                % {"owner": action.owner_name}
            )
        if status == ActionStatus.DROPPED:
            raise NotPermitted(
                _(
                    "An owner cannot drop an action: only %(body)s can, by a later decision, "
                    "entered by its officers."
                )
                % {"body": action.body}
            )
        if action.status == ActionStatus.DROPPED:
            raise Conflict(_("This action was dropped by a decision: nothing follows."))
        if status not in OWNER_MOVES[action.status]:
            raise Conflict(
                _("An action that is %(from)s cannot be set to %(to)s.")
                % {
                    "from": ActionStatus(action.status).label,
                    "to": ActionStatus(status).label,
                }
            )
        if action.status == ActionStatus.DONE and not note:
            raise InvalidInput(_("Say why an action that was done is in progress again."))
        was = action.status
        update = ActionUpdate.objects.create(
            action=action, written_by=member, written_at=now, status=status, note=note
        )
        action.status = status
        action.save(update_fields=["status"])
        record_append(
            actor=person,
            action="action.updated",
            subject=_subject(action),
            body=action.body,
            payload={
                "action": action.pk,
                "from": was,
                "status": status,
                **({"note_sha256": _sha256(note)} if note else {}),
                "by": f"member:{member.number}",
            },
        )
        _members_told(action)
    return update


def _members_told(action: Action) -> None:
    """Members of the body that took the decision who asked to be told of its actions."""
    members = Member.objects.current().filter(
        body__path__startswith=action.body.path, person_id__in=asked_for(Kind.ACTION)
    )

    def compose() -> tuple[str, str, str]:
        what = {"task": action.task[:80], "status": ActionStatus(action.status).label}
        return (
            _("An action is %(status)s: %(task)s") % what,
            _("The action “%(task)s” of a decision of %(body)s is now %(status)s.")
            % {**what, "body": action.body},
            _("You get this because you asked to be told of your bodies' actions."),
        )

    notify(
        Notice(
            Kind.ACTION,
            f"action:{action.pk}:{action.updates.count()}",
            reverse("action", args=[action.pk]),
            compose,
        ),
        [member.person for member in members.select_related("person")],
    )


def action_drop(
    *,
    person: Any,
    member: Member,
    action: Action,
    decision: Decision,
    note: str = "",
    now: datetime.datetime | None = None,
) -> ActionUpdate:
    """Drop an action by `decision`, a carried decision of the body that took it, later than
    the one the action came from; entered by an officer of that body, never by the owner on
    their own account."""
    now = now or timezone.now()
    _check_acting(person, member)
    note = _note(note)
    with transaction.atomic():
        action = _locked(action)
        if not may_act_for_body(person, action.body):
            raise NotPermitted(
                _(
                    "Only %(body)s drops an action, by a later decision entered by its "
                    "officers: not the action's owner."
                )
                % {"body": action.body}
            )
        if action.status in CLOSED:
            raise AlreadyDone(
                _("This action is already %(status)s.")
                % {"status": ActionStatus(action.status).label}
            )
        _check_carried_by(decision, action.body)
        since = action.decision.recorded_at if action.decision else action.created_at
        if decision.pk == action.decision_id or decision.recorded_at <= since:
            raise InvalidInput(
                _("An action is dropped by a later decision than the one that asked for it.")
            )
        was = action.status
        update = ActionUpdate.objects.create(
            action=action,
            written_by=member,
            written_at=now,
            status=ActionStatus.DROPPED,
            note=note,
        )
        action.status = ActionStatus.DROPPED
        action.dropped_by = decision
        action.save(update_fields=["status", "dropped_by"])
        record_append(
            actor=person,
            action="action.dropped",
            subject=_subject(action),
            body=action.body,
            payload={
                "action": action.pk,
                "from": was,
                "decision": decision.pk,
                **({"note_sha256": _sha256(note)} if note else {}),
                "by": f"member:{member.number}",
            },
        )
        _members_told(action)
    return update
