"""The priorities ballot's part of the OpenAPI description: reading a conference's ballot,
the standing orders committee opening it, and a delegate's vote (see
`newcourse.api.priorities`)."""

from __future__ import annotations

from typing import Any

from newcourse.conferences.models import PrioritiesBallot

from .openapi_base import (
    BOOLEAN,
    CONFERENCE,
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

PRIORITIES_SCHEMAS: dict[str, Any] = {
    "Priorities": {
        "type": "object",
        "required": ["conference", "ballot"],
        "properties": {
            "conference": INTEGER,
            "ballot": {
                "oneOf": [
                    {"type": "null", "description": "The committee has not opened one."},
                    _ref("PrioritiesBallot"),
                ]
            },
        },
    },
    "PrioritiesBallot": {
        "type": "object",
        "required": [
            "state",
            "choices",
            "priorities",
            "opened_at",
            "closes_at",
            "electorate",
            "voted",
            "you_voted",
            "topics",
            "counted_at",
            "count",
        ],
        "properties": {
            "state": _enum(PrioritiesBallot.State),
            "choices": {**INTEGER, "description": "How many topics each delegate may approve."},
            "priorities": {**INTEGER, "description": "How many topics reach the floor."},
            "opened_at": DATE_TIME,
            "closes_at": DATE_TIME,
            "electorate": {
                **INTEGER,
                "description": "The delegates holding a verified credential when it opened.",
            },
            "voted": {**INTEGER, "description": "How many of them have voted (never who)."},
            "you_voted": {
                "type": ["boolean", "null"],
                "description": "Whether you have voted; null: you are not on its electorate.",
            },
            "topics": {
                "type": "array",
                "description": "In ballot-paper order.",
                "items": {
                    "type": "object",
                    "required": [
                        "id",
                        "position",
                        "title",
                        "motion",
                        "composite",
                        "approvals",
                        "priority",
                    ],
                    "properties": {
                        "id": {**INTEGER, "description": "What a paper approves it by."},
                        "position": INTEGER,
                        "title": STRING,
                        "motion": NULLABLE_ID,
                        "composite": NULLABLE_ID,
                        "approvals": {
                            "type": ["integer", "null"],
                            "description": "Its votes at the count; null before.",
                        },
                        "priority": {**BOOLEAN, "description": "Chosen to reach the floor."},
                    },
                },
            },
            "counted_at": NULLABLE_DATE_TIME,
            "count": {
                "oneOf": [
                    {"type": "null", "description": "Not counted yet, or nobody voted."},
                    _ref("CountReport"),
                ]
            },
        },
    },
}

PRIORITIES_PATHS: dict[str, Any] = {
    "/conferences/{conference_id}/priorities/": {
        **_get(
            "The conference's priorities ballot: its topics, the turnout, whether you voted, "
            "and once counted the counting engine's report and the topics chosen",
            _json(_ref("Priorities"), "The ballot, or null."),
            CONFERENCE,
        ),
        **_post(
            "Open the priorities ballot, as a member of the standing orders committee, once: "
            "after the date for delegates and by the conference's last day; its electorate is "
            "the delegates holding a verified credential now",
            {
                "type": "object",
                "required": ["choices", "priorities", "closes_at"],
                "properties": {
                    "choices": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "How many topics each delegate may approve.",
                    },
                    "priorities": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "How many topics reach the floor: fewer than all.",
                    },
                    "closes_at": {
                        **DATE_TIME,
                        "description": "With its offset; by the end of the conference.",
                    },
                    "topics": {
                        "type": "array",
                        "items": {"type": "string", "pattern": "^(motion|composite):[0-9]+$"},
                        "description": "Of the topics going forward; all when left out.",
                    },
                },
            },
            "201",
            _json(_ref("Priorities"), "The ballot, open and recorded."),
            CONFERENCE,
        ),
    },
    "/conferences/{conference_id}/priorities/vote/": _post(
        "Vote in the priorities ballot, as a delegate on its electorate, once, while it is "
        "open: approve from 1 to `choices` topics. Secret: nothing records who cast which paper, "
        "nor when",
        {
            "type": "object",
            "required": ["topics"],
            "properties": {"topics": {"type": "array", "items": INTEGER, "minItems": 1}},
        },
        "201",
        _json(_ref("Priorities"), "The ballot, with your vote counted in the turnout."),
        CONFERENCE,
    ),
}
