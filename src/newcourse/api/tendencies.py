"""A body's tendencies and proposing one; a tendency, signing it, withdrawing one's signature
and asking for its dissolution (`newcourse.tendencies`).

Reading follows the visibility of the tendency's body; the signatories are listed only where
`tendency.signatories` lets the caller see them (null otherwise), and the count always. Every
act is the caller's own: there is no route to edit, suspend or dissolve a tendency for anyone
but its own signatories.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from newcourse.organisation import access as organisation_access
from newcourse.tendencies import access, selectors, services
from newcourse.tendencies.models import PLATFORM_MAX_LENGTH, Tendency

from .auth import api_view, json_body, member_acting, ok, text_field


def _brief(tendency: Tendency, signatures: int) -> dict[str, Any]:
    return {
        "id": tendency.pk,
        "body": tendency.body.slug,
        "name": tendency.name,
        "status": tendency.status,
        "signatures": signatures,
        "proposed_at": tendency.proposed_at.isoformat(),
        "declared_at": tendency.declared_at.isoformat() if tendency.declared_at else None,
        "dissolved_at": tendency.dissolved_at.isoformat() if tendency.dissolved_at else None,
    }


def tendency_json(request: HttpRequest, tendency: Tendency) -> dict[str, Any]:
    threshold = selectors.threshold_for(tendency.body)
    member = access.member_of(request.user)
    sees = access.may_see_signatories(person=request.user, tendency=tendency)
    own = selectors.signature_of(tendency, member)
    return {
        **_brief(tendency, selectors.signature_count(tendency)),
        "platform": tendency.platform,
        "threshold": threshold.needed,
        "dissolution_asked": selectors.dissolution_count(tendency),
        "signatories_visible_to": selectors.visibility_in(tendency.body),
        "signed": own is not None,
        "asked_to_dissolve": own is not None and own.dissolution_asked_at is not None,
        "signatories": (
            [
                {"number": m.number, "name": m.person.full_name}
                for m in access.access_signatories_for_person(
                    person=request.user, tendency=tendency
                )
            ]
            if sees
            else None
        ),
    }


@api_view("GET", "POST")
def body_tendencies(request: HttpRequest, slug: str) -> HttpResponse:
    body = organisation_access.access_body_for_person(person=request.user, slug=slug)
    if request.method == "POST":
        data = json_body(request)
        tendency = services.tendency_propose(
            member=member_acting(request),
            body=body,
            name=text_field(data, "name", required=True, max_length=services.NAME_MAX_LENGTH),
            platform=text_field(data, "platform", required=True, max_length=PLATFORM_MAX_LENGTH),
        )
        tendency = access.access_tendency_for_person(person=request.user, pk=tendency.pk)
        return ok(tendency_json(request, tendency), status=201)
    threshold = selectors.threshold_for(body)
    return ok(
        {
            "body": body.slug,
            "threshold": threshold.needed,
            "members_in_good_standing": threshold.members,
            "signatories_visible_to": selectors.visibility_in(body),
            "tendencies": [_brief(t, t.signature_count) for t in selectors.tendencies_of(body)],
        }
    )


def _tendency(request: HttpRequest, tendency_id: int) -> Tendency:
    return access.access_tendency_for_person(person=request.user, pk=tendency_id)


@api_view("GET")
def tendency_detail(request: HttpRequest, tendency_id: int) -> HttpResponse:
    return ok(tendency_json(request, _tendency(request, tendency_id)))


@api_view("POST")
def tendency_sign(request: HttpRequest, tendency_id: int) -> HttpResponse:
    tendency = _tendency(request, tendency_id)
    json_body(request)
    services.tendency_sign(member=member_acting(request), tendency=tendency)
    return ok(tendency_json(request, _tendency(request, tendency_id)))


@api_view("POST")
def tendency_withdraw(request: HttpRequest, tendency_id: int) -> HttpResponse:
    tendency = _tendency(request, tendency_id)
    reason = text_field(json_body(request), "reason", max_length=services.REASON_MAX_LENGTH)
    services.tendency_withdraw_signature(
        member=member_acting(request), tendency=tendency, reason=reason
    )
    return ok(tendency_json(request, _tendency(request, tendency_id)))


@api_view("POST")
def tendency_dissolve(request: HttpRequest, tendency_id: int) -> HttpResponse:
    tendency = _tendency(request, tendency_id)
    json_body(request)
    services.tendency_dissolve(member=member_acting(request), tendency=tendency)
    return ok(tendency_json(request, _tendency(request, tendency_id)))
