"""The conferences' endpoints: a body's conferences (its own and those of the bodies above it),
one conference with its timetable and delegate entitlement, and calling one; a conference's
motions, one motion with its numbered lines, and submitting one; a motion's amendments with
their changes line by line and their conflicts, submitting one, and accepting one as friendly.

Reading follows the visibility of the conference's body, as the other body endpoints do;
calling one needs an office of the body that creates its offices; submitting a motion, an
office with powers in the body that submits it (the service checks); accepting an amendment,
an office with powers in the motion's body.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.conferences import selectors as conference_selectors
from newcourse.conferences import services as conference_services
from newcourse.conferences.access import (
    access_conference_for_person,
    access_listed_credential_for_person,
    access_motion_for_person,
)
from newcourse.conferences.models import (
    Amendment,
    Conference,
    Credential,
    Motion,
    ProgrammeVersion,
)
from newcourse.documents import line_history, parse_document
from newcourse.organisation import access as organisation_access
from newcourse.organisation.models import Body
from newcourse.refusals import AccessDenied, InvalidInput, NotPermitted

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
                "alternates_office": delegation.alternates_id,
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


def programme_json(
    body: Body, versions: list[ProgrammeVersion], version: ProgrammeVersion | None
) -> dict[str, Any]:
    """A body's programme: its versions, and one of them (the latest by default) as numbered
    lines, each with the version that last changed it."""
    lines = []
    if version is not None:
        document = parse_document(version.text)
        upto = [each for each in versions if each.number <= version.number]
        history = line_history([parse_document(each.text) for each in upto])
        lines = [
            {
                "number": line.number,
                "text": line.text,
                "changed_in": upto[history[line.number - 1]].number,
            }
            for line in document.lines()
        ]
    return {
        "body": body.slug,
        "versions": [
            {
                "number": each.number,
                "adopted_at": each.adopted_at.isoformat(),
                "motion": each.conference_motion,
            }
            for each in versions
        ],
        "version": version.number if version else None,
        "text": version.text if version else None,
        "lines": lines,
    }


@api_view("GET", "POST")
def body_programme(request: HttpRequest, slug: str) -> HttpResponse:
    body = organisation_access.access_body_for_person(person=request.user, slug=slug)
    if request.method == "POST":
        data = json_body(request)
        conference_services.programme_found(
            person=request.user,
            member=member_acting(request),
            body=body,
            text=text_field(data, "text", required=True),
        )
        versions = conference_selectors.programme_versions(body)
        return ok(programme_json(body, versions, versions[-1]), status=201)
    versions = conference_selectors.programme_versions(body)
    asked = request.GET.get("version")
    if asked is None:
        version = versions[-1] if versions else None
    else:
        version = next((v for v in versions if str(v.number) == asked), None)
        if version is None:
            raise AccessDenied(_("There is no such version of the programme."))
    return ok(programme_json(body, versions, version))


@api_view("GET")
def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    return ok(conference_json(_conference(request, conference_id)))


def motion_brief(motion: Motion) -> dict[str, Any]:
    return {
        "id": motion.pk,
        "number": motion.number,
        "title": motion.title,
        "body": motion.body.slug,
    }


def motion_json(motion: Motion) -> dict[str, Any]:
    """A motion with the meeting's decision and its text as numbered lines (those that
    `conference_selectors.motion_lines` gives, with the clause of each)."""
    document = parse_document(motion.document_source())
    return {
        **motion_brief(motion),
        "conference": motion.conference_id,
        "emergency": motion.emergency,
        "amends_version": motion.amends.number if motion.amends else None,
        "amends_programme_version": (
            motion.amends_programme.number if motion.amends_programme else None
        ),
        "text": motion.text,
        "submitted_at": motion.submitted_at.isoformat(),
        "meeting_on": motion.meeting_on.isoformat(),
        "votes_for": motion.votes_for,
        "votes_against": motion.votes_against,
        "votes_abstain": motion.votes_abstain,
        "lines": [
            {
                "number": line.number,
                "text": line.text,
                "clause": document.blocks[line.block].clause,
            }
            for line in document.lines()
        ],
    }


def _count(data: dict[str, Any], name: str, *, required: bool = True) -> int:
    """A vote, a whole number from 0 (`votes_abstain` may be left out: none)."""
    value = data.get(name, None if required else 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(_("Give “%(name)s”: a whole number from 0.") % {"name": name})
    return value


def _version(data: dict[str, Any], name: str = "amends_version") -> int | None:
    """`amends_version` (or `amends_programme_version`): the version of the rules (or the
    programme) the motion amends; absent, it amends neither."""
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(
            _("Give “%(name)s”: the number of the version it amends.") % {"name": name}
        )
    return value


def _sending_body(conference: Conference, data: dict[str, Any]) -> Body:
    """The body named by `body`, among those that may bring motions to `conference` (its own
    and those that send delegates, all shown on its page): nothing said of any other."""
    slug = text_field(data, "body", required=True, max_length=100)
    bodies = [conference.body, *conference_selectors.units_of(conference)]
    found = next((body for body in bodies if body.slug == slug), None)
    if found is None:
        raise NotPermitted(
            _("%(body)s does not send delegates to %(conference)s.")
            % {"body": slug, "conference": conference}
        )
    return found


@api_view("GET", "POST")
def conference_motions(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        body = _sending_body(conference, data)
        motion = conference_services.motion_submit(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            body=body,
            title=text_field(data, "title", required=True, max_length=200),
            text=text_field(data, "text", required=True),
            meeting_on=_date(data, "meeting_on"),
            votes_for=_count(data, "votes_for"),
            votes_against=_count(data, "votes_against"),
            votes_abstain=_count(data, "votes_abstain", required=False),
            amends_version=_version(data),
            amends_programme_version=_version(data, "amends_programme_version"),
        )
        return ok(motion_json(motion), status=201)
    return ok(
        {
            "conference": conference.pk,
            "motions": [
                motion_brief(motion) for motion in conference_selectors.motions_of(conference)
            ],
        }
    )


@api_view("GET")
def motion_detail(request: HttpRequest, motion_id: int) -> HttpResponse:
    return ok(motion_json(access_motion_for_person(person=request.user, pk=motion_id)))


def amendment_json(shown: conference_selectors.AmendmentShown) -> dict[str, Any]:
    """An amendment with the meeting's decision, its changes to the motion's numbered lines
    and the numbers of the amendments that change the same lines."""
    amendment = shown.amendment
    return {
        "id": amendment.pk,
        "motion": amendment.motion_id,
        "number": amendment.number,
        "body": amendment.body.slug,
        "text": amendment.text,
        "submitted_at": amendment.submitted_at.isoformat(),
        "meeting_on": amendment.meeting_on.isoformat(),
        "votes_for": amendment.votes_for,
        "votes_against": amendment.votes_against,
        "votes_abstain": amendment.votes_abstain,
        "friendly": amendment.friendly,
        "accepted_at": amendment.accepted_at.isoformat() if amendment.accepted_at else None,
        "hunks": [
            {
                "old_start": hunk.old_start,
                "old_lines": list(hunk.old_lines),
                "new_start": hunk.new_start,
                "new_lines": list(hunk.new_lines),
            }
            for hunk in shown.hunks
        ],
        "conflicts_with": list(shown.conflicts_with),
    }


def _shown(amendment: Amendment) -> dict[str, Any]:
    """One amendment as the list shows it (its conflicts need its motion's other amendments)."""
    shown = conference_selectors.amendments_shown(amendment.motion)
    return amendment_json(next(s for s in shown if s.amendment.pk == amendment.pk))


@api_view("GET", "POST")
def motion_amendments(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion_for_person(person=request.user, pk=motion_id)
    if request.method == "POST":
        data = json_body(request)
        amendment = conference_services.amendment_submit(
            person=request.user,
            member=member_acting(request),
            motion=motion,
            body=_sending_body(motion.conference, data),
            text=text_field(data, "text", required=True),
            meeting_on=_date(data, "meeting_on"),
            votes_for=_count(data, "votes_for"),
            votes_against=_count(data, "votes_against"),
            votes_abstain=_count(data, "votes_abstain", required=False),
        )
        return ok(_shown(amendment), status=201)
    shown = conference_selectors.amendments_shown(motion)
    return ok(
        {
            "motion": motion.pk,
            "amendments": [amendment_json(each) for each in shown],
            "conflicts": sorted([list(pair) for pair in conference_selectors.conflicting(motion)]),
        }
    )


@api_view("POST")
def amendment_accept(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = Amendment.objects.filter(pk=amendment_id).first()
    if amendment is None:
        raise AccessDenied(_("There is no such motion, or you may not see it."))
    amendment.motion = access_motion_for_person(person=request.user, pk=amendment.motion_id)
    conference_services.amendment_accept_as_friendly(
        person=request.user, member=member_acting(request), amendment=amendment
    )
    return ok(_shown(amendment))


# Credentials: the credentials committee's report, its review, a challenge, a delegate standing
# down. Reading follows the conference's visibility; the services check who may review (the
# credentials committee), who may challenge (a delegate of the conference, an officer of its
# body) and who may stand a delegate down (the delegate, an officer of their body). A card's
# token is never in the API: it is the delegate's, shown on their card's page.


def _credential_entry(entry: conference_selectors.CredentialEntry) -> dict[str, Any]:
    credential = entry.credential
    return {
        "credential": credential.pk,
        "name": entry.name,
        "status": credential.status,
        "reason": credential.reason,
        "seated": entry.seated,
        "issued_at": credential.issued_at.isoformat(),
        "reviewed_at": credential.reviewed_at.isoformat() if credential.reviewed_at else None,
        "alternate_for": entry.alternate_for,
        "stood_down_at": (
            credential.stood_down_at.isoformat() if credential.stood_down_at else None
        ),
        "stood_down_reason": credential.stood_down_reason,
        "taken_by": entry.taken_by,
        "seat_empty": entry.seat_empty,
        "challenges": [
            {
                "id": challenge.pk,
                "raised_by": challenge.raised_by.person.full_name,
                "reason": challenge.reason,
                "raised_at": challenge.raised_at.isoformat(),
            }
            for challenge in entry.challenges
        ],
    }


def _sender(row: conference_selectors.SenderCredentials) -> dict[str, Any]:
    return {
        "unit": row.unit.slug,
        "entitled": row.entitled,
        "elected": row.elected,
        "issued": row.issued,
        "verified": row.verified,
        "rejected": row.rejected,
        "pending": row.pending,
        "stood_down": row.stood_down,
        "held": row.held,
        "delegates": [_credential_entry(entry) for entry in row.entries],
        "alternates": [
            {
                "place": alternate.place,
                "name": alternate.name,
                "state": alternate.state,
                "seat_of": alternate.seat_of,
            }
            for alternate in row.alternates
        ],
    }


@api_view("GET")
def conference_credentials(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    report = conference_selectors.credentials_report(conference)
    return ok({"conference": conference.pk, "senders": [_sender(row) for row in report]})


def _credential(request: HttpRequest, credential_id: int) -> Credential:
    """The credential, if its conference is open to the caller; the same 404 either way."""
    return access_listed_credential_for_person(person=request.user, pk=credential_id)


def _entry_of(credential: Credential) -> dict[str, Any]:
    """The credential as the report shows it now."""
    report = conference_selectors.credentials_report(credential.conference)
    entries = (entry for row in report for entry in row.entries)
    return _credential_entry(next(e for e in entries if e.credential.pk == credential.pk))


@api_view("POST")
def credential_review(request: HttpRequest, credential_id: int) -> HttpResponse:
    credential = _credential(request, credential_id)
    data = json_body(request)
    verified = data.get("verified")
    if not isinstance(verified, bool):
        raise InvalidInput(_("Give “%(name)s”: true or false.") % {"name": "verified"})
    conference_services.credential_review(
        person=request.user,
        member=member_acting(request),
        credential=credential,
        verified=verified,
        reason=text_field(data, "reason", max_length=500),
    )
    return ok(_entry_of(credential))


@api_view("POST")
def credential_challenge(request: HttpRequest, credential_id: int) -> HttpResponse:
    credential = _credential(request, credential_id)
    data = json_body(request)
    conference_services.credential_challenge(
        person=request.user,
        member=member_acting(request),
        credential=credential,
        reason=text_field(data, "reason", required=True, max_length=500),
    )
    return ok(_entry_of(credential), status=201)


@api_view("POST")
def credential_stand_down(request: HttpRequest, credential_id: int) -> HttpResponse:
    credential = _credential(request, credential_id)
    data = json_body(request)
    conference_services.delegate_stand_down(
        person=request.user,
        member=member_acting(request),
        credential=credential,
        reason=text_field(data, "reason", required=True, max_length=500),
    )
    return ok(_entry_of(credential))
