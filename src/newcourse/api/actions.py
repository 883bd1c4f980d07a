"""A body's decisions and actions (the generated report, `?since=` a date), an action with its
history, and its owner's update (`newcourse.actions`).

Reading follows the visibility of the body whose decision asked for the action. Only the
owner posts updates, and no update drops an action: that is the body's, by a later decision,
entered on its pages by its officers.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from newcourse.actions import access, selectors, services
from newcourse.actions.models import NOTE_MAX_LENGTH, Action
from newcourse.organisation import access as organisation_access
from newcourse.refusals import InvalidInput

from .auth import api_view, json_body, member_acting, ok, text_field


def _since(request: HttpRequest) -> datetime.date | None:
    value = request.GET.get("since", "")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise InvalidInput(
            _("“%(name)s” must be a date, YYYY-MM-DD.") % {"name": "since"}
        ) from error


def action_json(action: Action) -> dict[str, Any]:
    line = selectors.ReportLine(
        action=action,
        overdue=action.is_overdue(selectors.today()),
        last=selectors.last_update(action),
    )
    return {
        **line.as_json(),
        "body": action.body.slug,
        "dropped_by": action.dropped_by_id,
        "created_at": action.created_at.isoformat(),
        "updates": [
            {
                "written_at": update.written_at.isoformat(),
                "written_by": update.written_by.person.full_name,
                "status": update.status,
                "note": update.note,
            }
            for update in action.updates.select_related("written_by__person")
        ],
    }


@api_view("GET")
def body_actions(request: HttpRequest, slug: str) -> HttpResponse:
    body = organisation_access.access_body_for_person(person=request.user, slug=slug)
    return ok(selectors.action_report(body, since=_since(request)).as_json())


def _action(request: HttpRequest, action_id: int) -> Action:
    return access.access_action_for_person(person=request.user, pk=action_id)


@api_view("GET")
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    return ok(action_json(_action(request, action_id)))


@api_view("POST")
def action_update(request: HttpRequest, action_id: int) -> HttpResponse:
    action = _action(request, action_id)
    data = json_body(request)
    services.action_update(
        person=request.user,
        member=member_acting(request),
        action=action,
        status=text_field(data, "status", required=True, max_length=20),
        note=text_field(data, "note", max_length=NOTE_MAX_LENGTH),
    )
    return ok(action_json(_action(request, action_id)), status=201)
