"""The mandates' part of the OpenAPI description: a unit's instructions to its delegation, and
giving one (see `newcourse.api.mandates`)."""

from __future__ import annotations

from typing import Any

from newcourse.conferences.models import Instruction

from .openapi_base import (
    CONFERENCE,
    DATE,
    DATE_TIME,
    INTEGER,
    NULLABLE_DATE_TIME,
    NULLABLE_ID,
    STRING,
    _enum,
    _get,
    _json,
    _post,
    _ref,
)

UNIT = {
    "name": "slug",
    "in": "path",
    "required": True,
    "description": "The short name of the body whose delegation it is.",
    "schema": {"type": "string"},
}
ID = {"type": "integer", "minimum": 1}
COUNT = {"type": "integer", "minimum": 0}
ITEM_KEY = {
    "type": "string",
    "pattern": "^(motion|amendment|composite):[0-9]+$",
    "description": "The item: motion:ID, amendment:ID or composite:ID.",
}

MANDATES_SCHEMAS: dict[str, Any] = {
    "Instruction": {
        "type": "object",
        "required": [
            "id",
            "item",
            "motion",
            "amendment",
            "composite",
            "vote",
            "meeting_on",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "given_at",
            "replaces",
            "replaced_at",
        ],
        "properties": {
            "id": INTEGER,
            "item": ITEM_KEY,
            "motion": NULLABLE_ID,
            "amendment": NULLABLE_ID,
            "composite": NULLABLE_ID,
            "vote": {
                **_enum(Instruction.Vote),
                "description": "for, against, abstain, or left to the delegates.",
            },
            "meeting_on": {**DATE, "description": "The unit's meeting that decided it."},
            "votes_for": INTEGER,
            "votes_against": INTEGER,
            "votes_abstain": INTEGER,
            "given_at": DATE_TIME,
            "replaces": {**NULLABLE_ID, "description": "The instruction it replaced."},
            "replaced_at": {
                **NULLABLE_DATE_TIME,
                "description": "When a later instruction replaced it; null: it stands.",
            },
        },
    },
    "Instructions": {
        "type": "object",
        "required": [
            "conference",
            "unit",
            "mandate",
            "rulebook_version",
            "clause",
            "items",
            "instructions",
        ],
        "properties": {
            "conference": INTEGER,
            "unit": STRING,
            "mandate": {
                "enum": ["free", "mandated"],
                "description": "The rulebook's delegates.mandate, in the version the "
                "conference fixed its entitlement under.",
            },
            "rulebook_version": INTEGER,
            "clause": {"type": ["string", "null"], "description": "The rule that says so."},
            "items": {
                "type": "array",
                "description": "Each motion, amendment and composite going forward, with the "
                "instruction standing on it (null: none, the delegates decide).",
                "items": {
                    "type": "object",
                    "required": ["item", "title", "instruction"],
                    "properties": {
                        "item": ITEM_KEY,
                        "title": STRING,
                        "instruction": {"oneOf": [_ref("Instruction"), {"type": "null"}]},
                    },
                },
            },
            "instructions": {
                "type": "array",
                "description": "Every instruction given, standing or replaced, in order.",
                "items": _ref("Instruction"),
            },
        },
    },
}

MANDATES_PATHS: dict[str, Any] = {
    "/conferences/{conference_id}/instructions/{slug}/": {
        **_get(
            "A unit's instructions to its delegation, for the unit's officers and its delegates "
            "only: whether delegates are mandated, each item going forward with its standing "
            "instruction, and every instruction given",
            _json(_ref("Instructions"), "The instructions."),
            CONFERENCE,
            UNIT,
        ),
        **_post(
            "Instruct the delegation on one motion, amendment or composite going forward, as an "
            "officer of the unit, where the rulebook makes delegates mandated, once a quorate "
            "meeting of its members decided it, until the conference opens; it replaces the "
            "instruction standing on that item",
            {
                "type": "object",
                "required": ["vote", "meeting_on", "votes_for", "votes_against"],
                "properties": {
                    "vote": _enum(Instruction.Vote),
                    "meeting_on": DATE,
                    "votes_for": COUNT,
                    "votes_against": COUNT,
                    "votes_abstain": COUNT,
                    "motion": {**ID, "description": "Exactly one of motion, amendment, composite."},
                    "amendment": ID,
                    "composite": ID,
                },
            },
            "201",
            _json(_ref("Instruction"), "The instruction, recorded."),
            CONFERENCE,
            UNIT,
        ),
    },
}
