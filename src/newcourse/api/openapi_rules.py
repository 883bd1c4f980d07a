"""The rules' part of the OpenAPI description: the rules in force, versions, diffs and rule
changes (see `newcourse.api.rules`)."""

from __future__ import annotations

from typing import Any

from newcourse.rules.models import RuleChangeChoice, RuleChangeStatus

from .openapi_base import (
    BOOLEAN,
    DATE,
    DATE_TIME,
    HEX,
    INTEGER,
    NO_RULEBOOK,
    NULLABLE_DATE_TIME,
    PARAMETER_VALUE,
    RULE_CHANGE,
    SLUG,
    STRING,
    _enum,
    _error,
    _get,
    _id,
    _json,
    _post,
    _ref,
)

RULES_SCHEMAS: dict[str, Any] = {
    "RulesInForce": {
        "type": "object",
        "description": "The parameters in force for a body on a date, as `newcourse rules show "
        "--format json` prints them: the rulebook's, with the body's standing orders laid over "
        "it where the rulebook lets a body set them.",
        "required": ["body", "date", "version", "standing_orders_version", "parameters"],
        "properties": {
            "body": STRING,
            "date": DATE,
            "version": {"type": "integer", "description": "The rulebook's version in force."},
            "standing_orders_version": {
                "type": ["integer", "null"],
                "description": "The body's standing orders in force, if it has any.",
            },
            "parameters": {
                "type": "object",
                "description": 'Each parameter by name: a share as "1/5" (a majority may be '
                '"simple"), whole numbers as numbers, no limit as null, money as '
                '"2850.00 GBP".',
                "additionalProperties": PARAMETER_VALUE,
            },
        },
    },
    "RulesVersionBrief": {
        "type": "object",
        "required": [
            "number",
            "effective_on",
            "adopted_at",
            "source",
            "rule_change",
            "text_sha256",
            "in_force",
        ],
        "properties": {
            "number": INTEGER,
            "effective_on": {**DATE, "description": "In force from this day."},
            "adopted_at": DATE_TIME,
            "source": {
                "type": "string",
                "description": "Where a founding version came from (model:trade-union.en, "
                "file), or rule-change.",
            },
            "rule_change": {
                "type": ["integer", "null"],
                "description": "The rule change that adopted it.",
            },
            "text_sha256": {**HEX, "description": "As the open record sealed it."},
            "in_force": {"type": "boolean", "description": "The version in force today."},
        },
    },
    "RulesVersion": {
        "allOf": [
            _ref("RulesVersionBrief"),
            {
                "type": "object",
                "required": ["body", "text", "parameters", "lines"],
                "properties": {
                    "body": STRING,
                    "text": {"type": "string", "description": "The source, as adopted."},
                    "parameters": {
                        "type": "object",
                        "description": "The parameters the text sets, as stored.",
                    },
                    "lines": {
                        "type": "array",
                        "description": "The text as numbered lines, as people cite it.",
                        "items": {
                            "type": "object",
                            "required": ["number", "text", "clause"],
                            "properties": {
                                "number": INTEGER,
                                "text": STRING,
                                "clause": {
                                    "type": ["string", "null"],
                                    "description": "The clause the line is in (7.1).",
                                },
                            },
                        },
                    },
                },
            },
        ]
    },
    "RulesDiff": {
        "type": "object",
        "required": ["body", "old", "new", "parameters", "hunks", "text"],
        "properties": {
            "body": STRING,
            "old": INTEGER,
            "new": INTEGER,
            "parameters": {
                "type": "array",
                "description": "The parameters whose value or limits differ, written as the "
                "rules write them; null where a version does not set one.",
                "items": {
                    "type": "object",
                    "required": ["name", "old", "new"],
                    "properties": {
                        "name": STRING,
                        "old": {"type": ["string", "null"]},
                        "new": {"type": ["string", "null"]},
                    },
                },
            },
            "hunks": {
                "type": "array",
                "description": "The numbered lines that changed.",
                "items": {
                    "type": "object",
                    "required": ["old_start", "old_lines", "new_start", "new_lines"],
                    "properties": {
                        "old_start": INTEGER,
                        "old_lines": {"type": "array", "items": STRING},
                        "new_start": INTEGER,
                        "new_lines": {"type": "array", "items": STRING},
                    },
                },
            },
            "text": {"type": "string", "description": "The same as a unified diff."},
        },
    },
    "RuleChangeBrief": {
        "type": "object",
        "required": [
            "id",
            "body",
            "title",
            "status",
            "proposed_at",
            "voting_opens_at",
            "voting_closes_at",
            "takes_effect_on",
        ],
        "properties": {
            "id": INTEGER,
            "body": {"type": "string", "description": "The body's short name."},
            "title": STRING,
            "status": {
                "enum": [*RuleChangeStatus.values, "counting"],
                "description": "What the timetable implies now (counting: the vote has "
                "closed and the result is being declared).",
            },
            "proposed_at": DATE_TIME,
            "voting_opens_at": DATE_TIME,
            "voting_closes_at": DATE_TIME,
            "takes_effect_on": {
                "type": ["string", "null"],
                "format": "date",
                "description": "If carried; null: the day it is declared carried.",
            },
        },
    },
    "RuleChange": {
        "allOf": [
            _ref("RuleChangeBrief"),
            {
                "type": "object",
                "required": [
                    "reason",
                    "text",
                    "text_sha256",
                    "amends",
                    "rulebook_version",
                    "proposed_by",
                    "proposer",
                    "electorate_size",
                    "result",
                    "decided_at",
                    "adopted_version",
                    "you",
                ],
                "properties": {
                    "reason": STRING,
                    "text": {"type": "string", "description": "The whole proposed text."},
                    "text_sha256": HEX,
                    "amends": {
                        "type": ["integer", "null"],
                        "description": "The version of the body's rules it amends.",
                    },
                    "rulebook_version": {
                        "type": "integer",
                        "description": "The rulebook whose majority and notice it must meet.",
                    },
                    "proposed_by": {
                        "type": "string",
                        "pattern": "^member:",
                        "description": "The proposing officer, as the open record names them.",
                    },
                    "proposer": {"type": "string", "description": "The proposer's name."},
                    "electorate_size": {
                        "type": ["integer", "null"],
                        "description": "Fixed when voting opens.",
                    },
                    "result": {
                        "description": "Null until the vote is decided.",
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["for", "against", "abstain", "majority", "carried"],
                                "properties": {
                                    "for": INTEGER,
                                    "against": INTEGER,
                                    "abstain": INTEGER,
                                    "majority": {
                                        "type": "string",
                                        "description": "The majority needed: simple, or 2/3.",
                                    },
                                    "carried": BOOLEAN,
                                    "reason": STRING,
                                },
                            },
                        ],
                    },
                    "decided_at": NULLABLE_DATE_TIME,
                    "adopted_version": {
                        "type": ["integer", "null"],
                        "description": "The version it became, once carried.",
                    },
                    "you": {
                        "type": "object",
                        "required": ["elector", "has_voted"],
                        "description": "Your own place in the vote; nobody else's is shown.",
                        "properties": {"elector": BOOLEAN, "has_voted": BOOLEAN},
                    },
                },
            },
        ]
    },
}

RULES_PATHS: dict[str, Any] = {
    "/bodies/{slug}/rules/": _get(
        "The rules in force for a body on a date: every parameter, and the versions they come from",
        _json(_ref("RulesInForce"), "The parameters in force."),
        SLUG,
        {
            "name": "date",
            "in": "query",
            "required": False,
            "description": "YYYY-MM-DD (default: today).",
            "schema": {"type": "string", "format": "date"},
        },
        **{"400": _error("The date is not YYYY-MM-DD."), "409": NO_RULEBOOK},
    ),
    "/bodies/{slug}/rules/versions/": _get(
        "Every version of a body's own rules (the rulebook at the top body, standing orders "
        "elsewhere), oldest first",
        _json(
            {
                "type": "object",
                "required": ["body", "versions"],
                "properties": {
                    "body": STRING,
                    "versions": {"type": "array", "items": _ref("RulesVersionBrief")},
                },
            },
            "The versions.",
        ),
        SLUG,
    ),
    "/bodies/{slug}/rules/versions/{number}/": _get(
        "One version of a body's rules: its text, parameters and numbered lines",
        _json(_ref("RulesVersion"), "The version."),
        SLUG,
        _id("number", "The version's number."),
        **{"404": _error("No such body open to you, or no such version of its rules.")},
    ),
    "/bodies/{slug}/rules/diff/": _get(
        "What changed between two versions of a body's rules",
        _json(_ref("RulesDiff"), "The parameters and lines that differ."),
        SLUG,
        {
            "name": "from",
            "in": "query",
            "required": True,
            "description": "A version number.",
            "schema": {"type": "integer", "minimum": 1},
        },
        {
            "name": "to",
            "in": "query",
            "required": True,
            "description": "Another version number (later or earlier).",
            "schema": {"type": "integer", "minimum": 1},
        },
        **{
            "400": _error("A version number is missing or not a whole number."),
            "404": _error("No such body open to you, or no such version of its rules."),
        },
    ),
    "/bodies/{slug}/rules/changes/": {
        **_get(
            "The rule changes proposed to a body's rules, latest first",
            _json(
                {
                    "type": "object",
                    "required": ["body", "rule_changes"],
                    "properties": {
                        "body": STRING,
                        "rule_changes": {"type": "array", "items": _ref("RuleChangeBrief")},
                    },
                },
                "The rule changes.",
            ),
            SLUG,
        ),
        **_post(
            "Propose a change to a body's rules, as one of its officers, for its members' "
            "vote after the notice the rules require",
            {
                "type": "object",
                "required": ["title", "voting_opens_at"],
                "oneOf": [{"required": ["text"]}, {"required": ["parameters"]}],
                "properties": {
                    "title": {"type": "string", "maxLength": 200},
                    "reason": {"type": "string", "maxLength": 10000},
                    "text": {
                        "type": "string",
                        "maxLength": 200000,
                        "description": "The whole new text of the rules.",
                    },
                    "parameters": {
                        "type": "object",
                        "description": "Or: the parameters to change in the text in force, "
                        'each written as the rules write it ({"recall.threshold": "25%"}).',
                        "additionalProperties": {"type": ["string", "integer"]},
                    },
                    "voting_opens_at": {
                        **DATE_TIME,
                        "description": "No sooner than the notice the rules require; "
                        "without an offset, the installation's time zone.",
                    },
                    "takes_effect_on": {
                        "type": ["string", "null"],
                        "format": "date",
                        "description": "If carried (default: the day it is declared carried).",
                    },
                },
            },
            "201",
            _json(_ref("RuleChange"), "The rule change, proposed and recorded."),
            SLUG,
        ),
    },
    "/rule-changes/{change_id}/": _get(
        "A rule change: its text, timetable and result, and whether you may vote",
        _json(_ref("RuleChange"), "The rule change."),
        RULE_CHANGE,
    ),
    "/rule-changes/{change_id}/vote/": _post(
        "Vote on a rule change: for, against or abstain (secret: only that you voted is kept)",
        {
            "type": "object",
            "required": ["choice"],
            "properties": {"choice": _enum(RuleChangeChoice)},
        },
        "201",
        _json(
            {
                "type": "object",
                "required": ["rule_change", "voted"],
                "properties": {"rule_change": INTEGER, "voted": {"const": True}},
            },
            "The ballot is in the box.",
        ),
        RULE_CHANGE,
    ),
}
