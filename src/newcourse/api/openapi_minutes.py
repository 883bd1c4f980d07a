"""The minutes' part of the OpenAPI description (see `newcourse.api.minutes`)."""

from __future__ import annotations

from typing import Any

from newcourse.conferences.models import Decision, RulingKind
from newcourse.floor.models import FloorVote, FloorVoter

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
    _ref,
)

NULLABLE_COUNT = {"type": ["integer", "null"], "minimum": 0}
NULLABLE_STRING = {"type": ["string", "null"]}
COUNT = {"type": "integer", "minimum": 0}

MINUTES_SCHEMAS: dict[str, Any] = {
    "Minutes": {
        "type": "object",
        "required": [
            "conference",
            "title",
            "body",
            "opens_on",
            "closes_on",
            "floor_opened_at",
            "attendance",
            "before",
            "items",
            "markdown",
            "markdown_url",
            "pdf_url",
            "pdf_rendered_at",
        ],
        "properties": {
            "conference": INTEGER,
            "title": STRING,
            "body": {**STRING, "description": "The conference body's short name."},
            "opens_on": DATE,
            "closes_on": DATE,
            "floor_opened_at": {
                **NULLABLE_DATE_TIME,
                "description": "When the chair opened the floor; null: not yet.",
            },
            "attendance": {
                "type": "object",
                "required": ["credentialed", "attended", "online"],
                "properties": {
                    "credentialed": {
                        **COUNT,
                        "description": "Delegates holding a verified credential.",
                    },
                    "attended": {**COUNT, "description": "Of them, checked in at some time."},
                    "online": {**COUNT, "description": "Of those, present online."},
                },
            },
            "before": {
                "type": "array",
                "description": "The rulings and decisions made before the floor opened.",
                "items": _ref("MinutesAct"),
            },
            "items": {
                "type": "array",
                "description": "The business, item by item, in the order taken up.",
                "items": _ref("MinutesItem"),
            },
            "markdown": {
                **STRING,
                "description": "The minutes as Markdown, in the language the request accepts.",
            },
            "markdown_url": {**STRING, "description": "The Markdown as a file to keep."},
            "pdf_url": {
                **NULLABLE_STRING,
                "description": "The latest PDF the scheduler rendered; null: none yet.",
            },
            "pdf_rendered_at": NULLABLE_DATE_TIME,
        },
    },
    "MinutesItem": {
        "type": "object",
        "required": ["position", "title", "taken_up_at", "speeches", "acts"],
        "properties": {
            "position": {
                **NULLABLE_ID,
                "description": "The item's place on the agenda; null: business done with no "
                "item under debate.",
            },
            "title": STRING,
            "taken_up_at": NULLABLE_DATE_TIME,
            "speeches": {
                "type": "array",
                "description": "Who spoke, from the speakers' list (none kept yet).",
                "items": {
                    "type": "object",
                    "required": ["speaker", "on_behalf_of"],
                    "properties": {"speaker": STRING, "on_behalf_of": STRING},
                },
            },
            "acts": {
                "type": "array",
                "description": "Each vote, ruling and decision while the item was debated.",
                "items": _ref("MinutesAct"),
            },
        },
    },
    "MinutesAct": {
        # Told apart by `act`, which each has as a constant.
        "oneOf": [_ref("MinutesVote"), _ref("MinutesRuling"), _ref("MinutesDecision")],
    },
    "MinutesVote": {
        "type": "object",
        "required": [
            "act",
            "id",
            "number",
            "kind",
            "question",
            "motion",
            "amendment",
            "composite",
            "state",
            "opened_at",
            "present_at_opening",
            "closed_at",
            "for",
            "against",
            "abstain",
            "majority",
            "outcome",
            "reason",
            "roll",
            "sections",
            "decision",
        ],
        "properties": {
            "act": {"const": "vote"},
            "id": INTEGER,
            "number": INTEGER,
            "kind": _enum(FloorVote.Kind),
            "question": STRING,
            "motion": NULLABLE_ID,
            "amendment": NULLABLE_ID,
            "composite": NULLABLE_ID,
            "state": _enum(FloorVote.State),
            "opened_at": DATE_TIME,
            "present_at_opening": {**COUNT, "description": "Delegates present when it opened."},
            "closed_at": NULLABLE_DATE_TIME,
            "for": NULLABLE_COUNT,
            "against": NULLABLE_COUNT,
            "abstain": NULLABLE_COUNT,
            "majority": {**NULLABLE_STRING, "description": "As the rules write it: simple, 2/3."},
            "outcome": {"type": ["string", "null"], "enum": [*FloorVote.Outcome.values, None]},
            "reason": {**NULLABLE_STRING, "description": "The rules' arithmetic, in words."},
            "roll": {
                "type": "array",
                "description": "An open vote's roll once closed; empty for a secret vote or a "
                "show of hands.",
                "items": {
                    "type": "object",
                    "required": ["member", "name", "delegation", "vote"],
                    "properties": {
                        "member": {**STRING, "description": "The membership number."},
                        "name": STRING,
                        "delegation": {**STRING, "description": "The sending body's name."},
                        "vote": _enum(FloorVoter.Choice),
                    },
                },
            },
            "sections": {
                "type": "array",
                "description": "Each section's figures, for a vote taken by sections.",
                "items": {
                    "type": "object",
                    "required": ["name", "for", "against", "abstain"],
                    "properties": {
                        "name": STRING,
                        "for": COUNT,
                        "against": COUNT,
                        "abstain": COUNT,
                    },
                },
            },
            "decision": {
                "oneOf": [
                    {"type": "null", "description": "Not a vote on a motion or composite."},
                    _ref("MinutesDecision"),
                ]
            },
        },
    },
    "MinutesRuling": {
        "type": "object",
        "required": [
            "act",
            "number",
            "kind",
            "motion",
            "amendment",
            "composite",
            "item",
            "reason",
            "ruled_at",
        ],
        "properties": {
            "act": {"const": "ruling"},
            "number": INTEGER,
            "kind": _enum(RulingKind),
            "motion": NULLABLE_ID,
            "amendment": NULLABLE_ID,
            "composite": NULLABLE_ID,
            "item": {**STRING, "description": "What it was on, as the papers number it."},
            "reason": STRING,
            "ruled_at": DATE_TIME,
        },
    },
    "MinutesDecision": {
        "type": "object",
        "required": [
            "act",
            "id",
            "motion",
            "composite",
            "item",
            "outcome",
            "for",
            "against",
            "abstain",
            "majority",
            "amendments",
            "rules_version",
            "programme_version",
            "not_applied",
            "recorded_at",
        ],
        "properties": {
            "act": {"const": "decision"},
            "id": INTEGER,
            "motion": NULLABLE_ID,
            "composite": NULLABLE_ID,
            "item": STRING,
            "outcome": _enum(Decision.Outcome),
            "for": COUNT,
            "against": COUNT,
            "abstain": COUNT,
            "majority": STRING,
            "amendments": {
                "type": "array",
                "description": "The amendments conference carried before the motion.",
                "items": {
                    "type": "object",
                    "required": ["id", "number"],
                    "properties": {"id": INTEGER, "number": STRING},
                },
            },
            "rules_version": {
                **NULLABLE_ID,
                "description": "The version of the rules a rule change carried made.",
            },
            "programme_version": {
                **NULLABLE_ID,
                "description": "The version of the programme a programme amendment made.",
            },
            "not_applied": {
                **NULLABLE_STRING,
                "description": "Why a carried change was not applied.",
            },
            "recorded_at": DATE_TIME,
        },
    },
}

MINUTES_PATHS: dict[str, Any] = {
    "/conferences/{conference_id}/minutes/": _get(
        "The minutes as they stand: the floor opened, each item taken up, who spoke, each "
        "vote with its figures (an open vote's roll), each ruling and decision; as data and "
        "as Markdown, with the address of the latest PDF",
        _json(_ref("Minutes"), "The minutes."),
        CONFERENCE,
    ),
}
