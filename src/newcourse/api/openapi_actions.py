"""The actions' part of the OpenAPI description: a body's decisions and actions (the generated
report), an action with its history, and its owner's update (see `newcourse.api.actions`)."""

from __future__ import annotations

from typing import Any

from newcourse.actions.models import NOTE_MAX_LENGTH, ActionStatus

from .openapi_base import (
    BOOLEAN,
    DATE,
    DATE_TIME,
    INTEGER,
    NULLABLE_ID,
    SLUG,
    STRING,
    _enum,
    _get,
    _id,
    _json,
    _post,
    _ref,
)

ACTION = _id("action_id", "The action's id.")
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
STATUS = {
    **_enum(ActionStatus),
    "description": "Not started, in progress, done (by its owner's updates), or dropped (by a "
    "later decision of the body that took it, never by its owner).",
}
UPDATE = {
    "type": "object",
    "required": ["written_at", "status", "note"],
    "properties": {"written_at": DATE_TIME, "status": STATUS, "note": STRING},
}

ACTIONS_SCHEMAS: dict[str, Any] = {
    "ActionBrief": {
        "type": "object",
        "required": [
            "id",
            "decided",
            "decision",
            "task",
            "owner",
            "owner_name",
            "due_on",
            "status",
            "overdue",
            "last_update",
        ],
        "properties": {
            "id": INTEGER,
            "decided": {**STRING, "description": "What was decided, in words."},
            "decision": {
                **NULLABLE_ID,
                "description": "The conference decision it comes from (null: a meeting's).",
            },
            "task": {**STRING, "description": "What is to be done."},
            "owner": {
                "type": "string",
                "pattern": "^(office:[0-9]+|body:[-a-zA-Z0-9_]+)$",
                "description": "Who carries it out: office:ID (its current holders) or "
                "body:SLUG (its officers).",
            },
            "owner_name": STRING,
            "due_on": NULLABLE_DATE,
            "status": STATUS,
            "overdue": {
                **BOOLEAN,
                "description": "Past its due date (the site's today) and neither done nor dropped.",
            },
            "last_update": {"oneOf": [UPDATE, {"type": "null"}]},
        },
    },
    "Action": {
        "allOf": [
            _ref("ActionBrief"),
            {
                "type": "object",
                "required": ["body", "dropped_by", "created_at", "updates"],
                "properties": {
                    "body": {**STRING, "description": "The body that took the decision."},
                    "dropped_by": {
                        **NULLABLE_ID,
                        "description": "The later decision of that body that dropped it.",
                    },
                    "created_at": DATE_TIME,
                    "updates": {
                        "type": "array",
                        "description": "Its history, oldest first.",
                        "items": {
                            "allOf": [
                                UPDATE,
                                {
                                    "type": "object",
                                    "required": ["written_by"],
                                    "properties": {"written_by": STRING},
                                },
                            ]
                        },
                    },
                },
            },
        ]
    },
    "ActionReport": {
        "type": "object",
        "description": "Every action of the body open at `since` or taken after it (every "
        "action without `since`), generated, never written by hand.",
        "required": ["body", "since", "today", "actions"],
        "properties": {
            "body": STRING,
            "since": NULLABLE_DATE,
            "today": DATE,
            "actions": {"type": "array", "items": _ref("ActionBrief")},
        },
    },
}

ACTIONS_PATHS: dict[str, Any] = {
    "/bodies/{slug}/actions/": _get(
        "A body's decisions and actions, with status and overdue flag: the generated report",
        _json(_ref("ActionReport"), "The report."),
        SLUG,
        {
            "name": "since",
            "in": "query",
            "required": False,
            "description": "YYYY-MM-DD: leave out the actions finished before it.",
            "schema": {"type": "string", "format": "date"},
        },
    ),
    "/actions/{action_id}/": _get(
        "An action: the decision, its owner, due date, status and history",
        _json(_ref("Action"), "The action."),
        ACTION,
    ),
    "/actions/{action_id}/updates/": _post(
        "Write the owner's dated update: the status it sets (not dropped: only the body drops "
        "an action, by a later decision) and a note; going back from done needs a note",
        {
            "type": "object",
            "required": ["status"],
            "properties": {
                "status": {"type": "string", "enum": list(ActionStatus.values)},
                "note": {"type": "string", "maxLength": NOTE_MAX_LENGTH},
            },
        },
        "201",
        _json(_ref("Action"), "The action, with your update."),
        ACTION,
    ),
}
