"""Due process's part of the OpenAPI description: a body's figures and its cases' facts, and a
case's file for its parties and panel (see `newcourse.api.discipline`)."""

from __future__ import annotations

from typing import Any

from newcourse.discipline.models import AppealOutcome, CaseStatus, Outcome

from .openapi_base import DATE, DATE_TIME, INTEGER, SLUG, STRING, _enum, _get, _id, _json, _ref

CASE = _id("case_id", "The case's id.")
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_DATE_TIME = {"type": ["string", "null"], "format": "date-time"}
PERSON = {
    "type": "object",
    "required": ["number", "name"],
    "properties": {"number": STRING, "name": STRING},
}
COUNT_BY = {"type": "object", "additionalProperties": INTEGER}

DISCIPLINE_SCHEMAS: dict[str, Any] = {
    "CaseBrief": {
        "type": "object",
        "description": "What the open record says of a case: no name, facts or reasons.",
        "required": ["id", "body", "status", "clauses", "outcome", "filed_at"],
        "properties": {
            "id": INTEGER,
            "body": {**STRING, "description": "The body's short name."},
            "status": _enum(CaseStatus),
            "clauses": {"type": "array", "items": STRING, "description": "The rules cited."},
            "outcome": {
                "type": ["string", "null"],
                "enum": [*Outcome.values, "set-aside", None],
                "description": "The outcome once decided (set-aside: overturned on appeal).",
            },
            "filed_at": DATE_TIME,
            "decided_at": NULLABLE_DATE_TIME,
            "closed_at": NULLABLE_DATE_TIME,
        },
    },
    "Case": {
        "allOf": [
            _ref("CaseBrief"),
            {
                "type": "object",
                "required": ["accused", "filed_by", "facts", "evidence", "reply_due_on"],
                "properties": {
                    "accused": PERSON,
                    "filed_by": PERSON,
                    "facts": STRING,
                    "evidence": STRING,
                    "reply_due_on": DATE,
                    "decision_due_on": DATE,
                    "representative": STRING,
                    "reply": STRING,
                    "hearing_on": NULLABLE_DATE,
                    "hearing_notes": STRING,
                    "reasons": STRING,
                    "appeal_due_on": NULLABLE_DATE,
                    "appeal_grounds": STRING,
                    "appeal_outcome": {
                        "type": ["string", "null"],
                        "enum": [*AppealOutcome.values, None],
                    },
                    "appeal_reasons": STRING,
                    "sanction_from": NULLABLE_DATE,
                    "sanction_until": NULLABLE_DATE,
                },
            },
        ]
    },
    "BodyCases": {
        "type": "object",
        "required": ["body", "statistics", "cases"],
        "properties": {
            "body": STRING,
            "statistics": {
                "type": "object",
                "description": "The year's figures, so that a purge shows in them.",
                "required": ["body", "year", "filed", "refused", "filed_by", "against"],
                "properties": {
                    "body": STRING,
                    "year": INTEGER,
                    "filed": INTEGER,
                    "refused": {**INTEGER, "description": "Charges refused at filing."},
                    "filed_by": COUNT_BY,
                    "against": COUNT_BY,
                    "against_tendency_members": INTEGER,
                    "against_others": INTEGER,
                    "outcomes": COUNT_BY,
                    "open": INTEGER,
                    "median_days_to_decide": {"type": ["integer", "null"]},
                },
            },
            "cases": {"type": "array", "items": _ref("CaseBrief")},
        },
    },
}

YEAR = {
    "name": "year",
    "in": "query",
    "required": False,
    "description": "The year of the figures (this year unless given).",
    "schema": {"type": "string", "pattern": "^[0-9]+$"},
}

DISCIPLINE_PATHS: dict[str, Any] = {
    "/bodies/{slug}/cases/": _get(
        "A body's disciplinary figures for a year and its cases' facts (no names), for "
        "whoever may see the body",
        _json(_ref("BodyCases"), "The figures and the cases."),
        SLUG,
        YEAR,
    ),
    "/cases/{case_id}/": _get(
        "A case's file: the charge, the reply, the hearing, the decision and any appeal; for "
        "its parties and the panel hearing it only",
        _json(_ref("Case"), "The case file."),
        CASE,
    ),
}
