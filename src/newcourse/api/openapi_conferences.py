"""The conferences' part of the OpenAPI description: a body's conferences, one conference with
its timetable and delegate entitlement, and calling one (see `newcourse.api.conferences`)."""

from __future__ import annotations

from typing import Any

from newcourse.conferences.selectors import DEADLINES

from .openapi_base import (
    BOOLEAN,
    DATE,
    DATE_TIME,
    INTEGER,
    NO_RULEBOOK,
    SLUG,
    STRING,
    _get,
    _id,
    _json,
    _post,
    _ref,
)

DEADLINE_NAMES = [name for name, _label in DEADLINES]
CONFERENCE = _id("conference_id", "The conference's id.")

CONFERENCES_SCHEMAS: dict[str, Any] = {
    "ConferenceBrief": {
        "type": "object",
        "required": [
            "id",
            "title",
            "body",
            "freeze_on",
            "opens_on",
            "closes_on",
            "entitlement_fixed",
        ],
        "properties": {
            "id": INTEGER,
            "title": STRING,
            "body": {**STRING, "description": "The short name of the body whose conference it is."},
            "freeze_on": {**DATE, "description": "The membership freeze."},
            "opens_on": DATE,
            "closes_on": DATE,
            "entitlement_fixed": {
                **BOOLEAN,
                "description": "Whether the delegates were fixed at the freeze.",
            },
        },
    },
    "Conference": {
        "allOf": [
            _ref("ConferenceBrief"),
            {
                "type": "object",
                "required": ["unit_kind", "called_at", "timetable", "entitlement", "delegations"],
                "properties": {
                    "unit_kind": {
                        **STRING,
                        "description": "The level that sends delegates; empty: the bodies "
                        "with none below them.",
                    },
                    "called_at": DATE_TIME,
                    "timetable": {
                        "type": "array",
                        "description": "Each deadline, in order.",
                        "items": {
                            "type": "object",
                            "required": ["name", "label", "on", "passed"],
                            "properties": {
                                "name": {"enum": DEADLINE_NAMES},
                                "label": STRING,
                                "on": DATE,
                                "passed": BOOLEAN,
                            },
                        },
                    },
                    "entitlement": {
                        "type": "object",
                        "description": "The delegates each body sends: fixed at the freeze, or "
                        "(before it) as the register stands today.",
                        "required": ["fixed", "rule", "rulebook_version", "total", "rows"],
                        "properties": {
                            "fixed": BOOLEAN,
                            "rule": {**STRING, "description": "The rulebook's rule, in words."},
                            "rulebook_version": INTEGER,
                            "total": INTEGER,
                            "rows": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["unit", "members", "seats", "arithmetic"],
                                    "properties": {
                                        "unit": STRING,
                                        "members": {
                                            **INTEGER,
                                            "description": "In good standing.",
                                        },
                                        "seats": INTEGER,
                                        "arithmetic": STRING,
                                    },
                                },
                            },
                        },
                    },
                    "delegations": {
                        "type": "array",
                        "description": "Once the entitlement is fixed: each body's delegation, "
                        "an office elected by the date for delegates.",
                        "items": {
                            "type": "object",
                            "required": ["unit", "office", "seats", "elected"],
                            "properties": {
                                "unit": STRING,
                                "office": {**INTEGER, "description": "The delegation's office."},
                                "seats": INTEGER,
                                "elected": {**INTEGER, "description": "Seats filled now."},
                            },
                        },
                    },
                },
            },
        ]
    },
}

CONFERENCES_PATHS: dict[str, Any] = {
    "/bodies/{slug}/conferences/": {
        **_get(
            "The conferences of a body and of the bodies above it: those it may send "
            "delegates to, latest first",
            _json(
                {
                    "type": "object",
                    "required": ["body", "conferences"],
                    "properties": {
                        "body": STRING,
                        "conferences": {"type": "array", "items": _ref("ConferenceBrief")},
                    },
                },
                "The conferences.",
            ),
            SLUG,
        ),
        **_post(
            "Call a body's conference with its timetable, as one of its officers who create "
            "its offices; the freeze is today or later, every deadline in order",
            {
                "type": "object",
                "required": ["title", *DEADLINE_NAMES],
                "properties": {
                    "title": {"type": "string", "maxLength": 200},
                    "unit_kind": {
                        "type": "string",
                        "maxLength": 60,
                        "description": "The level that sends delegates (Branch); default: "
                        "the bodies with none below them.",
                    },
                    **dict.fromkeys(DEADLINE_NAMES, DATE),
                },
            },
            "201",
            _json(_ref("Conference"), "The conference, called and recorded."),
            SLUG,
        ),
    },
    "/conferences/{conference_id}/": _get(
        "A conference: its timetable, and the delegates each body sends, with the arithmetic",
        _json(_ref("Conference"), "The conference."),
        CONFERENCE,
        **{"409": NO_RULEBOOK},
    ),
}
