"""The standing orders committee's endpoints: a conference's committees and naming one; its
rulings, with where each motion stands, and making one; its composites, one composite with
each line credited to its motion, drafting one, and a mover's answer; its agenda, and
publishing it; conference's decisions, and entering one as the chair declared it.

Reading follows the visibility of the conference's body; naming a committee needs an office of
that body that calls conferences; ruling and drafting, a seat on the standing orders committee;
answering for a motion, an office with powers in the motion's body (the services check each).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from newcourse.conferences import selectors as conference_selectors
from newcourse.conferences import services as conference_services
from newcourse.conferences.access import access_composite_for_person
from newcourse.conferences.models import (
    Amendment,
    Composite,
    Conference,
    Decision,
    Motion,
    Ruling,
)
from newcourse.conferences.services.agenda import Entry
from newcourse.offices.models import Office
from newcourse.refusals import InvalidInput

from .auth import api_view, json_body, member_acting, ok, text_field
from .conferences import _conference, _count


def _composite(request: HttpRequest, composite_id: int) -> Composite:
    """The composite, if its conference's body is open to the caller; the same 404 either way."""
    return access_composite_for_person(person=request.user, pk=composite_id)


def _whole_number(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(_("Give “%(name)s”: an id, a whole number from 1.") % {"name": name})
    return value


@api_view("GET", "POST")
def conference_committees(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        role = text_field(data, "role", required=True, max_length=20)
        office_id = _whole_number(data, "office")
        office = Office.objects.filter(pk=office_id, body=conference.body).first()
        if office is None:
            raise InvalidInput(
                _("A conference's committee is one of the committees %(body)s elects.")
                % {"body": conference.body}
            )
        conference_services.committee_name(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            role=role,
            office=office,
        )
    committees = conference.committees.select_related("office")
    return ok(
        {
            "conference": conference.pk,
            "committees": [
                {"role": c.role, "office": c.office_id, "title": c.office.title} for c in committees
            ],
        },
        status=201 if request.method == "POST" else 200,
    )


def ruling_json(ruling: Ruling) -> dict[str, Any]:
    return {
        "number": ruling.number,
        "kind": ruling.kind,
        "reason": ruling.reason,
        "motion": ruling.motion_id,
        "amendment": ruling.amendment_id,
        "composite": ruling.composite_id,
        "ruled_at": ruling.ruled_at.isoformat(),
    }


def _item(conference: Conference, data: dict[str, Any], one: str = "") -> dict[str, Any]:
    """The one item named by `motion`, `amendment` or `composite` (an id), of `conference`;
    `one` says what must name exactly one (a ruling's message by default)."""
    named = {
        name: value
        for name in ("motion", "amendment", "composite")
        if (value := _whole_number(data, name)) is not None
    }
    if len(named) != 1:
        raise InvalidInput(one or _("A ruling is on one motion, amendment or composite."))
    [(name, pk)] = named.items()
    found = {
        "motion": Motion.objects.filter(conference=conference),
        "amendment": Amendment.objects.filter(motion__conference=conference),
        "composite": Composite.objects.filter(conference=conference),
    }[name].filter(pk=pk)
    item = found.first()
    if item is None:
        raise InvalidInput(_("That is not an item of %(conference)s.") % {"conference": conference})
    return {name: item}


@api_view("GET", "POST")
def conference_rulings(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        ruling = conference_services.ruling_make(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            kind=text_field(data, "kind", required=True, max_length=20),
            reason=text_field(data, "reason", required=True, max_length=2000),
            **_item(conference, data),
        )
        return ok(ruling_json(ruling), status=201)
    standings = conference_selectors.standings_of(conference)
    return ok(
        {
            "conference": conference.pk,
            "rulings": [ruling_json(r) for r in conference_selectors.rulings_of(conference)],
            "standings": [
                {
                    "motion": motion_id,
                    "ruling": standing.ruling.kind if standing.ruling else None,
                    "composite": standing.composite.pk if standing.composite else None,
                    "goes_forward": standing.goes_forward,
                }
                for motion_id, standing in sorted(standings.items())
            ],
        }
    )


def composite_brief(composite: Composite) -> dict[str, Any]:
    return {
        "id": composite.pk,
        "number": composite.number,
        "title": composite.title,
        "state": composite.state,
        "consents": [
            {"motion": consent.motion_id, "answer": consent.answer}
            for consent in composite.consents.all()
        ],
    }


def composite_json(composite: Composite) -> dict[str, Any]:
    """A composite with its text, as numbered lines each credited to its motion (by id)."""
    return {
        **composite_brief(composite),
        "conference": composite.conference_id,
        "text": composite.text,
        "drafted_at": composite.drafted_at.isoformat(),
        "decided_at": composite.decided_at.isoformat() if composite.decided_at else None,
        "lines": [
            {
                "number": line.number,
                "text": "".join(run.text for run in line.runs),
                "motion": line.motion.pk if line.motion else None,
            }
            for line in conference_selectors.composite_lines(composite)
        ],
    }


@api_view("GET", "POST")
def conference_composites(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        ids = data.get("motions")
        if not isinstance(ids, list) or not all(
            isinstance(pk, int) and not isinstance(pk, bool) for pk in ids
        ):
            raise InvalidInput(_("Give “motions”: a list of the motions' ids."))
        motions = list(Motion.objects.filter(conference=conference, pk__in=ids))
        if len(motions) != len(set(ids)):
            raise InvalidInput(_("A composite joins motions of its own conference."))
        composite = conference_services.composite_draft(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            motions=motions,
            title=text_field(data, "title", required=True, max_length=200),
            text=text_field(data, "text", required=True),
        )
        return ok(composite_json(composite), status=201)
    return ok(
        {
            "conference": conference.pk,
            "composites": [
                composite_brief(c) for c in conference_selectors.composites_of(conference)
            ],
        }
    )


@api_view("GET")
def composite_detail(request: HttpRequest, composite_id: int) -> HttpResponse:
    return ok(composite_json(_composite(request, composite_id)))


@api_view("POST")
def composite_answer(request: HttpRequest, composite_id: int) -> HttpResponse:
    composite = _composite(request, composite_id)
    data = json_body(request)
    consents = data.get("consents")
    if not isinstance(consents, bool):
        raise InvalidInput(_("Give “consents”: true, or false to refuse."))
    motion = Motion.objects.filter(
        pk=_whole_number(data, "motion"), consents__composite=composite
    ).first()
    if motion is None:
        raise InvalidInput(_("That motion is not part of this composite."))
    composite = conference_services.composite_answer(
        person=request.user,
        member=member_acting(request),
        composite=composite,
        motion=motion,
        consents=consents,
    )
    return ok(composite_json(composite))


def agenda_json(conference: Conference) -> dict[str, Any]:
    items = conference_selectors.agenda_of(conference)
    papers = conference_selectors.papers_pdf(conference)
    return {
        "conference": conference.pk,
        "version": conference.agenda_version,
        "published_at": (
            conference.agenda_published_at.isoformat() if conference.agenda_published_at else None
        ),
        "items": [
            {
                "position": item.position,
                "kind": item.kind,
                "title": item.title,
                "motion": item.motion_id,
                "composite": item.composite_id,
                "minutes": item.minutes,
                "outcome": item.outcome,
            }
            for item in items
        ],
        "minutes": sum(item.minutes for item in items),
        "papers_pdf": (
            reverse("conference_papers_pdf", args=[conference.pk]) if papers is not None else None
        ),
    }


def _entries(conference: Conference, data: dict[str, Any]) -> list[Entry]:
    """The `items` of a request, in order, each naming its motion or composite by id."""
    raw = data.get("items")
    if not isinstance(raw, list) or not all(isinstance(each, dict) for each in raw):
        raise InvalidInput(_("Give “items”: the agenda's items in order, each an object."))
    entries = []
    for each in raw:
        minutes = each.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            minutes = 0  # refused by the service, naming the item
        motion_id, composite_id = _whole_number(each, "motion"), _whole_number(each, "composite")
        motion = (
            Motion.objects.filter(conference=conference, pk=motion_id).first()
            if motion_id
            else None
        )
        composite = (
            Composite.objects.filter(conference=conference, pk=composite_id).first()
            if composite_id
            else None
        )
        if (motion_id and motion is None) or (composite_id and composite is None):
            raise InvalidInput(
                _("That is not an item of %(conference)s.") % {"conference": conference}
            )
        entries.append(
            Entry(
                kind=text_field(each, "kind", required=True, max_length=20),
                minutes=minutes,
                title=text_field(each, "title", max_length=200),
                motion=motion,
                composite=composite,
            )
        )
    return entries


@api_view("GET", "POST")
def conference_agenda(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        conference_services.agenda_publish(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            entries=_entries(conference, data),
        )
        conference.refresh_from_db()
        return ok(agenda_json(conference), status=201)
    return ok(agenda_json(conference))


def decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "motion": decision.motion_id,
        "composite": decision.composite_id,
        "outcome": decision.outcome,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "votes_abstain": decision.votes_abstain,
        "majority": decision.majority,
        "amendments": [amendment.pk for amendment in decision.amendments.all()],
        "text": decision.text,
        "rules_version": decision.version.number if decision.version else None,
        "programme_version": (
            decision.programme_version.number if decision.programme_version else None
        ),
        "not_applied": decision.not_applied,
        "recorded_at": decision.recorded_at.isoformat(),
    }


@api_view("GET", "POST")
def conference_decisions(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        motion_id, composite_id = _whole_number(data, "motion"), _whole_number(data, "composite")
        motion = Motion.objects.filter(conference=conference, pk=motion_id).first()
        composite = Composite.objects.filter(conference=conference, pk=composite_id).first()
        if (motion_id and motion is None) or (composite_id and composite is None):
            raise InvalidInput(_("No such motion or composite at %(c)s.") % {"c": conference})
        raw = data.get("amendments", [])
        if not isinstance(raw, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 1 <= n < 2**31 for n in raw
        ):
            raise InvalidInput(_("Give “amendments”: a list of amendment ids."))
        amendments = tuple(Amendment.objects.filter(motion=motion, pk__in=raw)) if motion else ()
        if len(amendments) != len(set(raw)):
            raise InvalidInput(_("Each of “amendments” is an amendment to the motion decided."))
        decision = conference_services.decision_record(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            motion=motion,
            composite=composite,
            votes_for=_count(data, "votes_for"),
            votes_against=_count(data, "votes_against"),
            votes_abstain=_count(data, "votes_abstain", required=False),
            amendments=amendments,
        )
        return ok(decision_json(decision), status=201)
    decisions = conference_selectors.decisions_of(conference).values()
    return ok(
        {
            "conference": conference.pk,
            "decisions": [decision_json(d) for d in sorted(decisions, key=lambda d: d.pk)],
        }
    )
