"""A conference's minutes over the API: everything the floor, the standing orders committee
and the open record hold, in the order it happened, as data (the acts with their codes and
figures), as Markdown in the reader's language (Accept-Language), and with the addresses of
the Markdown and of the latest PDF the scheduler rendered. Only reads."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from newcourse.floor.minutes_document import minutes_markdown
from newcourse.floor.selectors_minutes import (
    Act,
    DecisionMinute,
    ItemMinutes,
    Minutes,
    RulingMinute,
    VoteMinute,
    minutes_of,
    minutes_pdf_of,
)

from .auth import api_view, ok
from .conferences import _conference


def _moment(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _decision_json(decision: DecisionMinute) -> dict[str, Any]:
    return {
        "act": "decision",
        "id": decision.id,
        "motion": decision.item_id if decision.item_kind == "motion" else None,
        "composite": decision.item_id if decision.item_kind == "composite" else None,
        "item": decision.item,
        "outcome": decision.outcome,
        "for": decision.votes_for,
        "against": decision.votes_against,
        "abstain": decision.votes_abstain,
        "majority": decision.majority,
        "amendments": [{"id": a.id, "number": a.number} for a in decision.amendments],
        "rules_version": decision.rules_version,
        "programme_version": decision.programme_version,
        "not_applied": decision.not_applied or None,
        "recorded_at": decision.recorded_at.isoformat(),
    }


def _vote_json(vote: VoteMinute) -> dict[str, Any]:
    return {
        "act": "vote",
        "id": vote.id,
        "number": vote.number,
        "kind": vote.kind,
        "question": vote.question,
        "motion": vote.item_id if vote.item_kind == "motion" else None,
        "amendment": vote.item_id if vote.item_kind == "amendment" else None,
        "composite": vote.item_id if vote.item_kind == "composite" else None,
        "state": vote.state,
        "opened_at": vote.opened_at.isoformat(),
        "present_at_opening": vote.present,
        "closed_at": _moment(vote.closed_at),
        "for": vote.votes_for,
        "against": vote.votes_against,
        "abstain": vote.votes_abstain,
        "majority": vote.majority or None,
        "outcome": vote.outcome or None,
        "reason": vote.reason or None,
        "roll": [
            {
                "member": call.member,
                "name": call.name,
                "delegation": call.delegation,
                "vote": call.vote,
            }
            for call in vote.roll
        ],
        "sections": [
            {
                "name": section.name,
                "for": section.votes_for,
                "against": section.votes_against,
                "abstain": section.votes_abstain,
            }
            for section in vote.sections
        ],
        "decision": _decision_json(vote.decision) if vote.decision is not None else None,
    }


def _ruling_json(ruling: RulingMinute) -> dict[str, Any]:
    return {
        "act": "ruling",
        "number": ruling.number,
        "kind": ruling.kind,
        "motion": ruling.item_id if ruling.item_kind == "motion" else None,
        "amendment": ruling.item_id if ruling.item_kind == "amendment" else None,
        "composite": ruling.item_id if ruling.item_kind == "composite" else None,
        "item": ruling.item,
        "reason": ruling.reason,
        "ruled_at": ruling.ruled_at.isoformat(),
    }


def _act_json(act: Act) -> dict[str, Any]:
    if isinstance(act, VoteMinute):
        return _vote_json(act)
    if isinstance(act, RulingMinute):
        return _ruling_json(act)
    return _decision_json(act)


def _item_json(item: ItemMinutes) -> dict[str, Any]:
    return {
        "position": item.position,
        "title": item.title,
        "taken_up_at": _moment(item.taken_up_at),
        "speeches": [
            {"speaker": speech.speaker, "on_behalf_of": speech.on_behalf_of}
            for speech in item.speeches
        ],
        "acts": [_act_json(act) for act in item.acts],
    }


def minutes_json(minutes: Minutes) -> dict[str, Any]:
    """The minutes as data: the same acts, in the same order, as the Markdown words them."""
    return {
        "conference": minutes.conference,
        "title": minutes.title,
        "body": minutes.body_slug,
        "opens_on": minutes.opens_on.isoformat(),
        "closes_on": minutes.closes_on.isoformat(),
        "floor_opened_at": _moment(minutes.floor_opened_at),
        "attendance": {
            "credentialed": minutes.credentialed,
            "attended": minutes.attended,
            "online": minutes.online,
        },
        "before": [_act_json(act) for act in minutes.before],
        "items": [_item_json(item) for item in minutes.items],
    }


@api_view("GET")
def conference_minutes(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    minutes = minutes_of(conference)
    pdf = minutes_pdf_of(conference)
    return ok(
        {
            **minutes_json(minutes),
            "markdown": minutes_markdown(minutes),
            "markdown_url": reverse("floor_minutes_md", args=[conference.pk]),
            "pdf_url": reverse("floor_minutes_pdf", args=[conference.pk]) if pdf else None,
            "pdf_rendered_at": _moment(pdf.rendered_at) if pdf else None,
        }
    )
