"""A conference's priorities ballot through the API: reading it (its topics, the turnout,
whether you voted, and once counted the count's report and the priorities), the standing
orders committee opening it, and a delegate's vote.

Reading follows the visibility of the conference's body; opening needs a seat on the standing
orders committee; voting, a place on the ballot's frozen electorate (the services check each).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences import selectors as conference_selectors
from newcourse.conferences import services as conference_services
from newcourse.conferences.models import Conference, PrioritiesBallot
from newcourse.organisation.models import Member
from newcourse.refusals import AccessDenied, InvalidInput

from .auth import api_view, json_body, member_acting, ok
from .conferences import _conference


def priorities_json(conference: Conference, member: Member | None) -> dict[str, Any]:
    ballot = conference_selectors.priorities_ballot_of(conference)
    if ballot is None:
        return {"conference": conference.pk, "ballot": None}
    return {"conference": conference.pk, "ballot": _ballot_json(ballot, member)}


def _ballot_json(ballot: PrioritiesBallot, member: Member | None) -> dict[str, Any]:
    return {
        "state": ballot.state,
        "choices": ballot.choices,
        "priorities": ballot.priorities,
        "opened_at": ballot.opened_at.isoformat(),
        "closes_at": ballot.closes_at.isoformat(),
        "electorate": ballot.electorate_size,
        "voted": conference_selectors.priorities_turnout(ballot),
        "you_voted": conference_selectors.priorities_voted(ballot, member),
        "topics": [
            {
                "id": topic.pk,
                "position": topic.position,
                "title": topic.title,
                "motion": topic.motion_id,
                "composite": topic.composite_id,
                "approvals": topic.approvals,
                "priority": topic.priority,
            }
            for topic in conference_selectors.priorities_topics(ballot)
        ],
        "counted_at": ballot.counted_at.isoformat() if ballot.counted_at else None,
        "count": (ballot.result or {}).get("count"),
    }


def _whole(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(_("Give “%(name)s”: a whole number.") % {"name": name})
    return value


def _moment(data: dict[str, Any], name: str) -> datetime.datetime:
    value = data.get(name)
    try:
        moment = datetime.datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        raise InvalidInput(
            _("Give “%(name)s”: a date and time with its offset, YYYY-MM-DDTHH:MM+01:00.")
            % {"name": name}
        ) from error
    if timezone.is_naive(moment):
        raise InvalidInput(
            _("Give “%(name)s” with its offset from UTC (Z, +01:00).") % {"name": name}
        )
    return moment


def _topics(data: dict[str, Any]) -> list[str] | None:
    """The topics named in `topics` ("motion:ID", "composite:ID"); None: all going forward."""
    topics = data.get("topics")
    if topics is None:
        return None
    if not isinstance(topics, list) or not all(isinstance(key, str) for key in topics):
        raise InvalidInput(_('Give “topics”: a list such as ["motion:12", "composite:3"].'))
    return topics


def _acting(request: HttpRequest) -> Member | None:
    return Member.objects.filter(person=request.user).first()


@api_view("GET", "POST")
def conference_priorities(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        conference_services.priorities_open(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            choices=_whole(data, "choices"),
            priorities=_whole(data, "priorities"),
            closes_at=_moment(data, "closes_at"),
            topics=_topics(data),
        )
        return ok(priorities_json(conference, _acting(request)), status=201)
    return ok(priorities_json(conference, _acting(request)))


@api_view("POST")
def priorities_vote(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    ballot = conference_selectors.priorities_ballot_of(conference)
    if ballot is None:
        raise AccessDenied(_("This conference has no priorities ballot."))
    data = json_body(request)
    topics = data.get("topics")
    if not isinstance(topics, list) or not all(
        isinstance(pk, int) and not isinstance(pk, bool) for pk in topics
    ):
        raise InvalidInput(_("Give “topics”: the ids of the topics you approve."))
    member = member_acting(request)
    conference_services.priorities_vote(
        person=request.user, member=member, ballot=ballot, topics=topics
    )
    return ok(priorities_json(conference, member), status=201)
