"""The hall over the API: its state (attendance and quorum, the item under debate, the vote
open and how many have voted, the votes taken), and every act on the floor — opening it,
checking a delegate in or out, taking up an item, opening, casting and closing a vote. Each
act is the service the pages call, and refused the same way."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from newcourse.conferences.models import (
    AgendaItem,
    Amendment,
    Composite,
    Conference,
    Credential,
    Motion,
)
from newcourse.floor import selectors as floor_selectors
from newcourse.floor import services as floor_services
from newcourse.floor.access import credential_of
from newcourse.floor.models import FloorVote
from newcourse.refusals import AccessDenied, InvalidInput

from .auth import api_view, json_body, member_acting, ok
from .conferences import _conference


def floor_json(conference: Conference, person: Any) -> dict[str, Any]:
    floor = floor_selectors.floor_of(conference)
    attendance = floor_selectors.attendance(conference)
    running = floor_selectors.open_vote(conference)
    credential = credential_of(person, conference)
    check_in = floor_selectors.check_in_of(credential) if credential else None
    return {
        "conference": conference.pk,
        "open": floor is not None,
        "self_check_in": bool(floor and floor.self_check_in),
        "debating": floor.debating.position if floor and floor.debating else None,
        "attendance": {
            "credentialed": attendance.credentialed,
            "present": attendance.present,
            "remote": attendance.remote,
            "quorum": str(attendance.quorum),
            "needed": attendance.needed,
            "quorate": attendance.quorate,
        },
        "you": None
        if credential is None
        else {
            "credential": credential.pk,
            "present": check_in is not None and check_in.left_at is None,
            "voted": bool(running and floor_selectors.has_voted(running, credential)),
        },
        "vote": floor_selectors.vote_summary(running) if running else None,
        "votes": [
            floor_selectors.vote_summary(vote)
            for vote in floor_selectors.votes_of(conference).filter(state=FloorVote.State.CLOSED)
        ],
    }


def _id(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
        raise InvalidInput(_("Give “%(name)s” as an id.") % {"name": name})
    return value


def _flag(data: dict[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise InvalidInput(_("Give “%(name)s” as true or false.") % {"name": name})
    return value


def _figure(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise InvalidInput(_("Give “%(name)s” as a whole number.") % {"name": name})
    return value


def _item(conference: Conference, data: dict[str, Any]) -> dict[str, Any]:
    """The motion, amendment or composite a request names, by id, of this conference."""
    found: dict[str, Any] = {}
    for name, model in (("motion", Motion), ("amendment", Amendment), ("composite", Composite)):
        pk = _id(data, name)
        if pk is None:
            continue
        item = model.objects.filter(pk=pk).first()
        if item is None:
            raise InvalidInput(_("There is no %(name)s %(pk)s.") % {"name": name, "pk": pk})
        found[name] = item
    return found


@api_view("GET", "POST")
def conference_floor(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    if request.method == "POST":
        data = json_body(request)
        floor_services.floor_open(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            self_check_in=_flag(data, "self_check_in"),
        )
        return ok(floor_json(conference, request.user), status=201)
    return ok(floor_json(conference, request.user))


@api_view("POST")
def floor_take_up(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    data = json_body(request)
    position = _id(data, "item")
    item = None
    if position is not None:
        item = AgendaItem.objects.filter(conference=conference, position=position).first()
        if item is None:
            raise InvalidInput(_("The agenda has no item %(n)s.") % {"n": position})
    floor_services.floor_take_up(
        person=request.user, member=member_acting(request), conference=conference, item=item
    )
    return ok(floor_json(conference, request.user))


@api_view("POST")
def floor_check_in(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    data = json_body(request)
    token = data.get("token")
    if not isinstance(token, str) or not token.strip():
        raise InvalidInput(_("Give “token”: the code on the delegate's card."))
    floor_services.delegate_check_in(
        person=request.user,
        member=member_acting(request),
        conference=conference,
        token=token,
        remote=_flag(data, "remote"),
    )
    return ok(floor_json(conference, request.user), status=201)


@api_view("POST")
def floor_check_out(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    data = json_body(request)
    pk = _id(data, "credential")
    credential = Credential.objects.filter(conference=conference, pk=pk).first() if pk else None
    if credential is None:
        raise InvalidInput(_("Give “credential”: the id of a credential to this conference."))
    floor_services.delegate_check_out(
        person=request.user, member=member_acting(request), credential=credential
    )
    return ok(floor_json(conference, request.user))


@api_view("POST")
def floor_votes(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    data = json_body(request)
    kind = data.get("kind")
    question = data.get("question", "")
    if not isinstance(kind, str) or not isinstance(question, str):
        raise InvalidInput(_("Give “kind”, and the item or the “question”, as text."))
    vote = floor_services.floor_vote_open(
        person=request.user,
        member=member_acting(request),
        conference=conference,
        kind=kind,
        question=question,
        **_item(conference, data),
    )
    return ok(floor_selectors.vote_summary(vote), status=201)


def _vote(conference: Conference, vote_id: int) -> FloorVote:
    vote = FloorVote.objects.filter(conference=conference, pk=vote_id).first()
    if vote is None:
        raise AccessDenied(_("There is no such vote."))
    return vote


@api_view("POST")
def floor_vote_cast(request: HttpRequest, conference_id: int, vote_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    vote = _vote(conference, vote_id)
    choice = json_body(request).get("choice")
    if not isinstance(choice, str):
        raise InvalidInput(_("Give “choice”: for, against or abstain."))
    floor_services.floor_vote_cast(
        person=request.user, member=member_acting(request), vote=vote, choice=choice
    )
    return ok({"vote": vote.pk, "voted": True}, status=201)


@api_view("POST")
def floor_vote_close(request: HttpRequest, conference_id: int, vote_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    vote = _vote(conference, vote_id)
    data = json_body(request)
    closed = floor_services.floor_vote_close(
        person=request.user,
        member=member_acting(request),
        vote=vote,
        votes_for=_figure(data, "for"),
        votes_against=_figure(data, "against"),
        votes_abstain=_figure(data, "abstain"),
    )
    return ok(floor_selectors.vote_summary(closed))


@api_view("POST")
def floor_vote_demand(request: HttpRequest, conference_id: int, vote_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    vote = _vote(conference, vote_id)
    kind = json_body(request).get("kind")
    if not isinstance(kind, str):
        raise InvalidInput(_("Give “kind”: card, double or women."))
    floor_services.floor_demand(
        person=request.user, member=member_acting(request), vote=vote, kind=kind
    )
    return ok({"vote": vote.pk, "demands": floor_selectors.demands(vote)}, status=201)


@api_view("POST")
def floor_declare(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    gender = json_body(request).get("gender")
    if not isinstance(gender, str):
        raise InvalidInput(_('Give “gender”: woman, man, non-binary, or "" for none.'))
    credential = credential_of(request.user, conference)
    if credential is None:
        raise AccessDenied(_("You hold no verified credential to this conference."))
    check_in = floor_services.delegate_declare(
        person=request.user, member=member_acting(request), credential=credential, gender=gender
    )
    return ok({"credential": credential.pk, "gender": check_in.gender})
