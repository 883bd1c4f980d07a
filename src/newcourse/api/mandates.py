"""A unit's instructions to its delegation: the items going forward, each with the instruction
standing on it, and every instruction given; giving one.

Read by the unit's officers and its delegates, nobody else (the same 404 as for a unit that
sends no delegation); given by its officers, where the rulebook makes delegates mandated, once
a quorate meeting decided it, until the conference opens (the service checks each).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from newcourse.conferences import selectors_mandates
from newcourse.conferences import services as conference_services
from newcourse.conferences.access import access_instructions_for_person
from newcourse.conferences.models import (
    Delegation,
    Instruction,
)

from .auth import api_view, json_body, member_acting, ok, text_field
from .committees import _item
from .conferences import _conference, _count, _date


def instruction_json(instruction: Instruction) -> dict[str, Any]:
    return {
        "id": instruction.pk,
        "item": instruction.item_key,
        "motion": instruction.motion_id,
        "amendment": instruction.amendment_id,
        "composite": instruction.composite_id,
        "vote": instruction.vote,
        "meeting_on": instruction.meeting_on.isoformat(),
        "votes_for": instruction.votes_for,
        "votes_against": instruction.votes_against,
        "votes_abstain": instruction.votes_abstain,
        "given_at": instruction.given_at.isoformat(),
        "replaces": instruction.replaces_id,
        "replaced_at": instruction.replaced_at.isoformat() if instruction.replaced_at else None,
    }


def instructions_json(delegation: Delegation) -> dict[str, Any]:
    """The mandate and the rule that says it, each item going forward with the instruction
    standing on it, and every instruction given, in order."""
    mandate = selectors_mandates.mandate_of(delegation.conference)
    shown = selectors_mandates.instructions_shown(delegation)
    return {
        "conference": delegation.conference_id,
        "unit": delegation.unit.slug,
        "mandate": mandate.written,
        "rulebook_version": mandate.rulebook_version,
        "clause": mandate.clause,
        "items": [
            {
                "item": row.item.key,
                "title": row.item.title,
                "instruction": instruction_json(row.instruction) if row.instruction else None,
            }
            for row in shown
        ],
        "instructions": [
            instruction_json(each) for each in selectors_mandates.instructions_of(delegation)
        ],
    }


@api_view("GET", "POST")
def conference_instructions(request: HttpRequest, conference_id: int, slug: str) -> HttpResponse:
    conference = _conference(request, conference_id)
    delegation = access_instructions_for_person(
        person=request.user, conference=conference, slug=slug
    )
    if request.method == "POST":
        data = json_body(request)
        instruction = conference_services.instruction_give(
            person=request.user,
            member=member_acting(request),
            delegation=delegation,
            vote=text_field(data, "vote", required=True, max_length=10),
            meeting_on=_date(data, "meeting_on"),
            votes_for=_count(data, "votes_for"),
            votes_against=_count(data, "votes_against"),
            votes_abstain=_count(data, "votes_abstain", required=False),
            **_item(
                conference,
                data,
                _("An instruction is on one motion, amendment or composite."),
            ),
        )
        return ok(instruction_json(instruction), status=201)
    return ok(instructions_json(delegation))
