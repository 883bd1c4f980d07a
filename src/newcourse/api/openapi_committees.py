"""The standing orders committee's part of the OpenAPI description: a conference's committees
and naming one, its rulings with each motion's standing and making one, its composites, one
composite with its credited lines, drafting one and a mover's answer (see
`newcourse.api.committees`)."""

from __future__ import annotations

from typing import Any

from newcourse.conferences.models import (
    AgendaItem,
    CommitteeRole,
    Composite,
    Consent,
    Decision,
    RulingKind,
)

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
    _id,
    _json,
    _post,
    _ref,
)
from .openapi_conferences import COUNT

COMPOSITE = _id("composite_id", "The composite's id.")
ID = {"type": "integer", "minimum": 1}

COMMITTEES_SCHEMAS: dict[str, Any] = {
    "Committees": {
        "type": "object",
        "required": ["conference", "committees"],
        "properties": {
            "conference": INTEGER,
            "committees": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["role", "office", "title"],
                    "properties": {
                        "role": _enum(CommitteeRole),
                        "office": {**INTEGER, "description": "The elected committee's office."},
                        "title": STRING,
                    },
                },
            },
        },
    },
    "Ruling": {
        "type": "object",
        "required": ["number", "kind", "reason", "motion", "amendment", "composite", "ruled_at"],
        "properties": {
            "number": {**INTEGER, "description": "Its number at the conference, from 1."},
            "kind": _enum(RulingKind),
            "reason": {**STRING, "description": "Published with it."},
            "motion": NULLABLE_ID,
            "amendment": NULLABLE_ID,
            "composite": NULLABLE_ID,
            "ruled_at": DATE_TIME,
        },
    },
    "CompositeBrief": {
        "type": "object",
        "required": ["id", "number", "title", "state", "consents"],
        "properties": {
            "id": INTEGER,
            "number": {**INTEGER, "description": "C1, C2...: its number at the conference."},
            "title": STRING,
            "state": _enum(Composite.State),
            "consents": {
                "type": "array",
                "description": "Each motion joined, and its body's answer.",
                "items": {
                    "type": "object",
                    "required": ["motion", "answer"],
                    "properties": {"motion": INTEGER, "answer": _enum(Consent.Answer)},
                },
            },
        },
    },
    "Composite": {
        "allOf": [
            _ref("CompositeBrief"),
            {
                "type": "object",
                "required": ["conference", "text", "drafted_at", "decided_at", "lines"],
                "properties": {
                    "conference": INTEGER,
                    "text": STRING,
                    "drafted_at": DATE_TIME,
                    "decided_at": NULLABLE_DATE_TIME,
                    "lines": {
                        "type": "array",
                        "description": "Its numbered lines, each with the motion its words "
                        "came from (null: the committee's own words, or the title).",
                        "items": {
                            "type": "object",
                            "required": ["number", "text", "motion"],
                            "properties": {
                                "number": INTEGER,
                                "text": STRING,
                                "motion": NULLABLE_ID,
                            },
                        },
                    },
                },
            },
        ]
    },
}

COMMITTEES_SCHEMAS["Agenda"] = {
    "type": "object",
    "required": ["conference", "version", "published_at", "items", "minutes", "papers_pdf"],
    "properties": {
        "conference": INTEGER,
        "version": {**INTEGER, "description": "How many times it was published; 0: not yet."},
        "published_at": NULLABLE_DATE_TIME,
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "position",
                    "kind",
                    "title",
                    "motion",
                    "composite",
                    "minutes",
                    "outcome",
                ],
                "properties": {
                    "position": INTEGER,
                    "kind": _enum(AgendaItem.Kind),
                    "title": STRING,
                    "motion": NULLABLE_ID,
                    "composite": NULLABLE_ID,
                    "minutes": INTEGER,
                    "outcome": {**STRING, "description": "Written when it is decided."},
                },
            },
        },
        "minutes": {**INTEGER, "description": "The agenda's time in all."},
        "papers_pdf": {
            "type": ["string", "null"],
            "description": "The address of the papers' PDF, once the scheduler printed it.",
        },
    },
}

COMMITTEES_SCHEMAS["Decision"] = {
    "type": "object",
    "required": [
        "id",
        "motion",
        "composite",
        "outcome",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "majority",
        "amendments",
        "text",
        "rules_version",
        "programme_version",
        "not_applied",
        "recorded_at",
    ],
    "properties": {
        "id": INTEGER,
        "motion": {**NULLABLE_ID, "description": "The motion decided, or null."},
        "composite": {**NULLABLE_ID, "description": "The composite decided, or null."},
        "outcome": _enum(Decision.Outcome),
        "votes_for": COUNT,
        "votes_against": COUNT,
        "votes_abstain": COUNT,
        "majority": {
            **STRING,
            "description": "The majority it needed, as the rules write it: simple, or for a "
            "rule change the rulebook's (2/3).",
        },
        "amendments": {
            "type": "array",
            "items": INTEGER,
            "description": "The amendments conference carried before the motion.",
        },
        "text": {
            **STRING,
            "description": "The motion's text as carried, with its friendly and carried "
            "amendments; empty for a composite or a motion lost.",
        },
        "rules_version": {
            "type": ["integer", "null"],
            "description": "The version of the rules a rule change carried made, or null.",
        },
        "programme_version": {
            "type": ["integer", "null"],
            "description": "The version of the programme a programme amendment carried made, "
            "or null.",
        },
        "not_applied": {
            **STRING,
            "description": "Why a rule change carried was not applied (a version adopted since "
            "changes the same lines); empty otherwise.",
        },
        "recorded_at": DATE_TIME,
    },
}
COMMITTEES_SCHEMAS["Decisions"] = {
    "type": "object",
    "required": ["conference", "decisions"],
    "properties": {
        "conference": INTEGER,
        "decisions": {"type": "array", "items": _ref("Decision")},
    },
}

COMMITTEES_PATHS: dict[str, Any] = {
    "/conferences/{conference_id}/decisions/": {
        **_get(
            "What conference decided on its agenda's motions and composites",
            _json(_ref("Decisions"), "The decisions, in the order they were entered."),
            CONFERENCE,
        ),
        **_post(
            "Enter conference's vote on a motion or composite of the published agenda, as the "
            "chair declared it, as a member of the standing orders committee, while conference "
            "sits; once per item. Whether it carried is the rules' arithmetic; a rule change "
            "carried becomes the next version of the rules",
            {
                "type": "object",
                "required": ["votes_for", "votes_against"],
                "properties": {
                    "motion": ID,
                    "composite": ID,
                    "votes_for": COUNT,
                    "votes_against": COUNT,
                    "votes_abstain": COUNT,
                    "amendments": {
                        "type": "array",
                        "items": ID,
                        "description": "The motion's amendments carried before it.",
                    },
                },
            },
            "201",
            _json(_ref("Decision"), "The decision, entered and recorded."),
            CONFERENCE,
        ),
    },
    "/conferences/{conference_id}/agenda/": {
        **_get(
            "The conference's agenda as last published, in order, with each item's time",
            _json(_ref("Agenda"), "The agenda."),
            CONFERENCE,
        ),
        **_post(
            "Publish the agenda, as a member of the standing orders committee, until the final "
            "agenda date: every motion ruled admissible and every agreed composite exactly "
            "once, other business by title; it replaces the last version",
            {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["kind", "minutes"],
                            "properties": {
                                "kind": _enum(AgendaItem.Kind),
                                "minutes": {"type": "integer", "minimum": 1, "maximum": 480},
                                "title": {
                                    "type": "string",
                                    "maxLength": 200,
                                    "description": "For other than a motion or composite.",
                                },
                                "motion": ID,
                                "composite": ID,
                            },
                        },
                    }
                },
            },
            "201",
            _json(_ref("Agenda"), "The agenda, published and recorded."),
            CONFERENCE,
        ),
    },
    "/conferences/{conference_id}/committees/": {
        **_get(
            "A conference's committees: the elected committees of its body named to the "
            "standing orders and credentials roles",
            _json(_ref("Committees"), "The committees."),
            CONFERENCE,
        ),
        **_post(
            "Name one of the body's elected committees to a role, as an officer who calls its "
            "conferences; once per role, before the conference opens",
            {
                "type": "object",
                "required": ["role", "office"],
                "properties": {"role": _enum(CommitteeRole), "office": ID},
            },
            "201",
            _json(_ref("Committees"), "The committees, with the one named."),
            CONFERENCE,
        ),
    },
    "/conferences/{conference_id}/rulings/": {
        **_get(
            "The standing orders committee's rulings, by number, and where each motion stands",
            _json(
                {
                    "type": "object",
                    "required": ["conference", "rulings", "standings"],
                    "properties": {
                        "conference": INTEGER,
                        "rulings": {"type": "array", "items": _ref("Ruling")},
                        "standings": {
                            "type": "array",
                            "description": "Each motion: its latest ruling, the agreed "
                            "composite it went into, and whether it goes forward in its own "
                            "right.",
                            "items": {
                                "type": "object",
                                "required": ["motion", "ruling", "composite", "goes_forward"],
                                "properties": {
                                    "motion": INTEGER,
                                    "ruling": {"enum": [*RulingKind.values, None]},
                                    "composite": NULLABLE_ID,
                                    "goes_forward": BOOLEAN,
                                },
                            },
                        },
                    },
                },
                "The rulings.",
            ),
            CONFERENCE,
        ),
        **_post(
            "Rule on one motion, amendment or composite, as a member of the standing orders "
            "committee, with a published reason; until the conference closes",
            {
                "type": "object",
                "required": ["kind", "reason"],
                "properties": {
                    "kind": _enum(RulingKind),
                    "reason": {"type": "string", "maxLength": 2000},
                    "motion": {**ID, "description": "Exactly one of motion, amendment, composite."},
                    "amendment": ID,
                    "composite": ID,
                },
            },
            "201",
            _json(_ref("Ruling"), "The ruling, numbered and recorded."),
            CONFERENCE,
        ),
    },
    "/conferences/{conference_id}/composites/": {
        **_get(
            "The conference's composites, by number, with each mover's answer",
            _json(
                {
                    "type": "object",
                    "required": ["conference", "composites"],
                    "properties": {
                        "conference": INTEGER,
                        "composites": {"type": "array", "items": _ref("CompositeBrief")},
                    },
                },
                "The composites.",
            ),
            CONFERENCE,
        ),
        **_post(
            "Draft a composite of two motions or more, as a member of the standing orders "
            "committee, by the final agenda date; it waits for every mover's consent",
            {
                "type": "object",
                "required": ["motions", "title", "text"],
                "properties": {
                    "motions": {"type": "array", "items": ID, "minItems": 2},
                    "title": {"type": "string", "maxLength": 200},
                    "text": {"type": "string", "description": "Paragraphs, by blank lines."},
                },
            },
            "201",
            _json(_ref("Composite"), "The composite, numbered and recorded."),
            CONFERENCE,
        ),
    },
    "/composites/{composite_id}/": _get(
        "A composite: its state, each mover's answer, and its lines credited to their motions",
        _json(_ref("Composite"), "The composite."),
        COMPOSITE,
    ),
    "/composites/{composite_id}/answer/": _post(
        "Answer for one motion of a composite, as an officer of the motion's body: consent or "
        "refuse, once, before the conference opens; one refusal and it falls, every consent "
        "and it is agreed",
        {
            "type": "object",
            "required": ["motion", "consents"],
            "properties": {"motion": ID, "consents": BOOLEAN},
        },
        "200",
        _json(_ref("Composite"), "The composite, with the answer."),
        COMPOSITE,
    ),
}
