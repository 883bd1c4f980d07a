"""The conferences' endpoints: a body's conferences (its own and those of the bodies above it),
one conference with its timetable and delegate entitlement, and calling one.

Reading follows the visibility of the conference's body, as the other body endpoints do;
calling one needs an office of the body that creates its offices.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences import selectors as conference_selectors
from newcourse.conferences import services as conference_services
from newcourse.conferences.access import access_conference_for_person
from newcourse.conferences.models import Conference
from newcourse.organisation import access as organisation_access
from newcourse.refusals import InvalidInput

from .auth import api_view, json_body, member_acting, ok, text_field


def _conference(request: HttpRequest, conference_id: int) -> Conference:
    """The conference, if its body is open to the caller; the same 404 either way."""
    return access_conference_for_person(person=request.user, pk=conference_id)


def conference_brief(conference: Conference) -> dict[str, Any]:
    return {
        "id": conference.pk,
        "title": conference.title,
        "body": conference.body.slug,
        "freeze_on": conference.freeze_on.isoformat(),
        "opens_on": conference.opens_on.isoformat(),
        "closes_on": conference.closes_on.isoformat(),
        "entitlement_fixed": conference.entitled_at is not None,
    }


def conference_json(conference: Conference) -> dict[str, Any]:
    """A conference with its timetable and the entitlement (fixed, or as the register stands)."""
    today = timezone.localdate()
    table = conference_selectors.entitlement_table(conference, today)
    return {
        **conference_brief(conference),
        "unit_kind": conference.unit_kind,
        "called_at": conference.called_at.isoformat(),
        "timetable": [
            {
                "name": row["name"],
                "label": row["label"],
                "on": row["on"].isoformat(),  # type: ignore[attr-defined]
                "passed": row["passed"],
            }
            for row in conference_selectors.timetable(conference, today)
        ],
        "entitlement": {
            "fixed": table.fixed,
            "rule": table.rule,
            "rulebook_version": table.rulebook_version,
            "total": table.total,
            "rows": [
                {
                    "unit": row.unit.slug,
                    "members": row.members,
                    "seats": row.seats,
                    "arithmetic": row.arithmetic,
                }
                for row in table.rows
            ],
        },
        "delegations": [
            {
                "unit": delegation.unit.slug,
                "office": delegation.office_id,
                "seats": delegation.office.seats,
                "elected": filled,
            }
            for delegation, filled in conference_selectors.delegations_of(conference)
        ],
    }


def _date(data: dict[str, Any], name: str) -> datetime.date:
    value = data.get(name)
    try:
        return datetime.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        raise InvalidInput(_("Give “%(name)s”: a date, YYYY-MM-DD.") % {"name": name}) from error


@api_view("GET", "POST")
def body_conferences(request: HttpRequest, slug: str) -> HttpResponse:
    body = organisation_access.access_body_for_person(person=request.user, slug=slug)
    if request.method == "POST":
        data = json_body(request)
        title = text_field(data, "title", required=True, max_length=200)
        unit_kind = text_field(data, "unit_kind", max_length=60)
        dates = {name: _date(data, name) for name, _label in conference_selectors.DEADLINES}
        conference = conference_services.conference_call(
            person=request.user,
            member=member_acting(request),
            body=body,
            title=title,
            unit_kind=unit_kind,
            dates=dates,
        )
        return ok(conference_json(conference), status=201)
    return ok(
        {
            "body": body.slug,
            "conferences": [
                conference_brief(conference)
                for conference in conference_selectors.conferences_within(body)
            ],
        }
    )


@api_view("GET")
def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    return ok(conference_json(_conference(request, conference_id)))
