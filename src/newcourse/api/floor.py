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
from newcourse.floor import selectors_speakers
from newcourse.floor import services as floor_services
from newcourse.floor.access import access_floor_vote_for_person, credential_of
from newcourse.floor.models import Floor, FloorVote, Speaker
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
            "measure": attendance.measure,
            "counted": attendance.counted,
            "of": attendance.of,
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
        "speaking": _speaking_json(floor),
        "speakers": [
            _speaker_json(speaker)
            for speaker in (selectors_speakers.speaking_order(floor) if floor else [])
        ],
        "vote": floor_selectors.vote_summary(running) if running else None,
        "votes": [
            floor_selectors.vote_summary(vote)
            for vote in floor_selectors.votes_of(conference).filter(state=FloorVote.State.CLOSED)
        ],
    }


def _speaker_json(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.pk,
        "name": speaker.credential.term.member.person.full_name,
        "unit": speaker.credential.delegation.unit.name,
        "stance": speaker.stance,
        "role": speaker.role,
        "placed_at": speaker.placed_at,
    }


def _speaking_json(floor: Floor | None) -> dict[str, Any] | None:
    speaking = selectors_speakers.speaking(floor) if floor else None
    if speaking is None:
        return None
    return {
        **_speaker_json(speaking.speaker),
        "started_at": speaking.speaker.started_at.isoformat(),  # type: ignore[union-attr]
        "allowed_seconds": speaking.allowed,
        "ends_at": speaking.ends_at.isoformat() if speaking.ends_at else None,
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


@api_view("POST")
def floor_vote_cast(request: HttpRequest, conference_id: int, vote_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    vote = access_floor_vote_for_person(person=request.user, conference=conference, pk=vote_id)
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
    vote = access_floor_vote_for_person(person=request.user, conference=conference, pk=vote_id)
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
    vote = access_floor_vote_for_person(person=request.user, conference=conference, pk=vote_id)
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


SPEAKER_ACTS = ("withdraw", "place", "remove")


def _speaker(conference: Conference, pk: int) -> Speaker:
    speaker = (
        Speaker.objects.filter(item__conference=conference, pk=pk)
        .select_related("item__conference", "credential__term")
        .first()
    )
    if speaker is None:
        raise AccessDenied(_("There is no such request to speak."))
    return speaker


@api_view("POST")
def floor_speakers(request: HttpRequest, conference_id: int) -> HttpResponse:
    """A delegate asks to speak; with `credential`, the chair puts a delegate on the list."""
    conference = _conference(request, conference_id)
    data = json_body(request)
    stance, role = data.get("stance"), data.get("role", Speaker.Role.SPEAKER)
    if not isinstance(stance, str) or not isinstance(role, str):
        raise InvalidInput(_("Give “stance”: for, against, neutral or point-of-order."))
    pk = _id(data, "credential")
    if pk is None:
        speaker = floor_services.speaker_ask(
            person=request.user, member=member_acting(request), conference=conference, stance=stance
        )
    else:
        credential = Credential.objects.filter(conference=conference, pk=pk).first()
        if credential is None:
            raise InvalidInput(_("Give “credential”: the id of a credential to this conference."))
        speaker = floor_services.speaker_add(
            person=request.user,
            member=member_acting(request),
            conference=conference,
            credential=credential,
            stance=stance,
            role=role,
        )
    return ok(_speaker_json(speaker), status=201)


@api_view("POST")
def floor_speaker_act(
    request: HttpRequest, conference_id: int, speaker_id: int, act: str
) -> HttpResponse:
    """withdraw (the delegate), place or remove (the chair) a waiting request."""
    conference = _conference(request, conference_id)
    if act not in SPEAKER_ACTS:
        raise AccessDenied(_("There is no such act: withdraw, place or remove."))
    speaker = _speaker(conference, speaker_id)
    member = member_acting(request)
    if act == "withdraw":
        floor_services.speaker_withdraw(person=request.user, member=member, speaker=speaker)
    elif act == "remove":
        floor_services.speaker_remove(person=request.user, member=member, speaker=speaker)
    else:
        floor_services.speaker_place(
            person=request.user,
            member=member,
            speaker=speaker,
            position=_id(json_body(request), "position"),
        )
    return ok(floor_json(conference, request.user))


@api_view("POST")
def floor_speakers_next(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    floor_services.speaker_next(
        person=request.user, member=member_acting(request), conference=conference
    )
    return ok(floor_json(conference, request.user))


@api_view("POST")
def floor_speakers_end(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    floor_services.speaker_end(
        person=request.user, member=member_acting(request), conference=conference
    )
    return ok(floor_json(conference, request.user))


@api_view("POST")
def floor_speakers_rules(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    data = json_body(request)
    floor = floor_selectors.floor_of(conference)
    current = floor or Floor()

    def seconds(name: str) -> int:
        value = data.get(name, getattr(current, name))
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(_("Give “%(name)s” in whole seconds.") % {"name": name})
        return value

    def text(name: str) -> str:
        value = data.get(name, getattr(current, name))
        if not isinstance(value, str):
            raise InvalidInput(_("Give “%(name)s” as text.") % {"name": name})
        return value

    floor_services.speakers_list_set(
        person=request.user,
        member=member_acting(request),
        conference=conference,
        closed=_flag(data, "closed") if "closed" in data else current.list_closed,
        alternate_stances=_flag(data, "alternate_stances")
        if "alternate_stances" in data
        else current.alternate_stances,
        gender_order=text("gender_order"),
        progressive_stack=text("progressive_stack"),
        mover_seconds=seconds("mover_seconds"),
        speaker_seconds=seconds("speaker_seconds"),
        point_of_order_seconds=seconds("point_of_order_seconds"),
    )
    return ok(floor_json(conference, request.user))
