"""The conferences' part of the OpenAPI description: a body's conferences, one conference with
its timetable and delegate entitlement, and calling one; a conference's motions, one motion
with its numbered lines, and submitting one; a motion's amendments, submitting one and
accepting one as friendly (see `newcourse.api.conferences`)."""

from __future__ import annotations

from typing import Any

from newcourse.conferences.selectors import DEADLINES

from .openapi_base import (
    BOOLEAN,
    CONFERENCE,
    DATE,
    DATE_TIME,
    INTEGER,
    NO_RULEBOOK,
    NULLABLE_DATE_TIME,
    SLUG,
    STRING,
    _get,
    _id,
    _json,
    _post,
    _ref,
)

DEADLINE_NAMES = [name for name, _label in DEADLINES]
MOTION = _id("motion_id", "The motion's id.")
AMENDMENT = _id("amendment_id", "The amendment's id.")
COUNT = {"type": "integer", "minimum": 0}
LINES = {"type": "array", "items": STRING}

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
                            "required": [
                                "unit",
                                "office",
                                "alternates_office",
                                "seats",
                                "elected",
                            ],
                            "properties": {
                                "unit": STRING,
                                "office": {**INTEGER, "description": "The delegation's office."},
                                "alternates_office": {
                                    "type": ["integer", "null"],
                                    "description": "The office of its alternates, elected "
                                    "beside it (null for a delegation formed without one).",
                                },
                                "seats": INTEGER,
                                "elected": {**INTEGER, "description": "Seats filled now."},
                            },
                        },
                    },
                },
            },
        ]
    },
    "MotionBrief": {
        "type": "object",
        "required": ["id", "number", "title", "body"],
        "properties": {
            "id": INTEGER,
            "number": {**INTEGER, "description": "Its number at the conference, from 1."},
            "title": STRING,
            "body": {**STRING, "description": "The short name of the body that submitted it."},
        },
    },
    "Motion": {
        "allOf": [
            _ref("MotionBrief"),
            {
                "type": "object",
                "required": [
                    "conference",
                    "emergency",
                    "amends_version",
                    "amends_programme_version",
                    "text",
                    "submitted_at",
                    "meeting_on",
                    "votes_for",
                    "votes_against",
                    "votes_abstain",
                    "lines",
                ],
                "properties": {
                    "conference": INTEGER,
                    "emergency": {
                        **BOOLEAN,
                        "description": "Submitted after the motions deadline, by the emergency "
                        "motions date, on a matter that arose since.",
                    },
                    "amends_programme_version": {
                        "type": ["integer", "null"],
                        "description": "For a programme amendment, the version of the "
                        "programme it amends; null otherwise.",
                    },
                    "amends_version": {
                        "type": ["integer", "null"],
                        "description": "For a rule change, the version of the rules it amends "
                        "(its text is then the rules as it would leave them); null otherwise.",
                    },
                    "text": {**STRING, "description": "As its body wrote it: paragraphs."},
                    "submitted_at": DATE_TIME,
                    "meeting_on": {
                        **DATE,
                        "description": "The day of the meeting of the body's members that "
                        "carried it.",
                    },
                    "votes_for": COUNT,
                    "votes_against": COUNT,
                    "votes_abstain": COUNT,
                    "lines": {
                        "type": "array",
                        "description": "The title, then the text, as numbered lines: as "
                        "delegates cite and amend it.",
                        "items": {
                            "type": "object",
                            "required": ["number", "text", "clause"],
                            "properties": {
                                "number": INTEGER,
                                "text": STRING,
                                "clause": {
                                    "type": ["string", "null"],
                                    "description": "The numbered clause the line is in, if any.",
                                },
                            },
                        },
                    },
                },
            },
        ]
    },
    "Amendment": {
        "type": "object",
        "required": [
            "id",
            "motion",
            "number",
            "body",
            "text",
            "submitted_at",
            "meeting_on",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "friendly",
            "accepted_at",
            "hunks",
            "conflicts_with",
        ],
        "properties": {
            "id": INTEGER,
            "motion": INTEGER,
            "number": {**INTEGER, "description": "Its number among the motion's, from 1."},
            "body": {**STRING, "description": "The short name of the body that submitted it."},
            "text": {
                **STRING,
                "description": "The motion's whole text as the amendment would leave it.",
            },
            "submitted_at": DATE_TIME,
            "meeting_on": {
                **DATE,
                "description": "The day of the meeting of the body's members that carried it.",
            },
            "votes_for": COUNT,
            "votes_against": COUNT,
            "votes_abstain": COUNT,
            "friendly": {
                **BOOLEAN,
                "description": "Whether the motion's body accepted it as friendly.",
            },
            "accepted_at": NULLABLE_DATE_TIME,
            "hunks": {
                "type": "array",
                "description": "Its changes: the motion's lines from old_start became new_lines "
                "from new_start of the amended text (an insertion has no old_lines).",
                "items": {
                    "type": "object",
                    "required": ["old_start", "old_lines", "new_start", "new_lines"],
                    "properties": {
                        "old_start": INTEGER,
                        "old_lines": LINES,
                        "new_start": INTEGER,
                        "new_lines": LINES,
                    },
                },
            },
            "conflicts_with": {
                "type": "array",
                "description": "The numbers of the amendments that change the same lines.",
                "items": INTEGER,
            },
        },
    },
}

CONFERENCES_SCHEMAS["Programme"] = {
    "type": "object",
    "required": ["body", "versions", "version", "text", "lines"],
    "properties": {
        "body": STRING,
        "versions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "adopted_at", "motion"],
                "properties": {
                    "number": INTEGER,
                    "adopted_at": DATE_TIME,
                    "motion": {
                        "type": ["integer", "null"],
                        "description": "The motion conference carried to make it; null for "
                        "the founding version.",
                    },
                },
            },
        },
        "version": {
            "type": ["integer", "null"],
            "description": "The version shown; null when the body has no programme.",
        },
        "text": {"type": ["string", "null"]},
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "text", "changed_in"],
                "properties": {
                    "number": INTEGER,
                    "text": STRING,
                    "changed_in": {
                        **INTEGER,
                        "description": "The version that last changed the line.",
                    },
                },
            },
        },
    },
}

CONFERENCES_PATHS: dict[str, Any] = {
    "/bodies/{slug}/programme/": {
        **_get(
            "A body's programme: its versions, and one by numbered line, each line with the "
            "version that last changed it",
            _json(_ref("Programme"), "The programme."),
            SLUG,
            {
                "name": "version",
                "in": "query",
                "required": False,
                "description": "A version number (default: the latest).",
                "schema": {"type": "integer", "minimum": 1},
            },
        ),
        **_post(
            "Write a body's first programme, as one of the officers who call its conferences; "
            "once: every later version is made by a programme amendment conference carries",
            {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string", "maxLength": 400000}},
            },
            "201",
            _json(_ref("Programme"), "The programme, written and recorded."),
            SLUG,
        ),
    },
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
    "/conferences/{conference_id}/motions/": {
        **_get(
            "A conference's motions, by number",
            _json(
                {
                    "type": "object",
                    "required": ["conference", "motions"],
                    "properties": {
                        "conference": INTEGER,
                        "motions": {"type": "array", "items": _ref("MotionBrief")},
                    },
                },
                "The motions.",
            ),
            CONFERENCE,
        ),
        **_post(
            "Submit a body's motion, as one of its officers, before the motions deadline, once "
            "a quorate meeting of its members carried it (more for than against); within the "
            "rules' number of motions per body and their length",
            {
                "type": "object",
                "required": ["body", "title", "text", "meeting_on", "votes_for", "votes_against"],
                "properties": {
                    "body": {
                        "type": "string",
                        "description": "The short name of the body submitting it: one that "
                        "sends delegates, or the conference's own.",
                    },
                    "title": {"type": "string", "maxLength": 200},
                    "text": {"type": "string", "description": "Paragraphs, by blank lines."},
                    "meeting_on": DATE,
                    "votes_for": COUNT,
                    "votes_against": COUNT,
                    "votes_abstain": {**COUNT, "description": "Default 0."},
                    "amends_version": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "A rule change: the version of the conference body's "
                        "rules it amends, the latest; `text` is then that version's whole text "
                        "as the motion would leave it.",
                    },
                    "amends_programme_version": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "A programme amendment: the version of the conference "
                        "body's programme it amends, the latest; `text` is then its whole text "
                        "as the motion would leave it.",
                    },
                },
            },
            "201",
            _json(_ref("Motion"), "The motion, numbered and recorded."),
            CONFERENCE,
        ),
    },
    "/motions/{motion_id}/": _get(
        "A motion: the meeting's decision and its text as numbered lines",
        _json(_ref("Motion"), "The motion."),
        MOTION,
    ),
    "/motions/{motion_id}/amendments/": {
        **_get(
            "A motion's amendments, by number, each with its changes line by line, and the pairs "
            "that change the same lines",
            _json(
                {
                    "type": "object",
                    "required": ["motion", "amendments", "conflicts"],
                    "properties": {
                        "motion": INTEGER,
                        "amendments": {"type": "array", "items": _ref("Amendment")},
                        "conflicts": {
                            "type": "array",
                            "description": "Pairs of amendment numbers, the lower first.",
                            "items": {"type": "array", "items": INTEGER},
                        },
                    },
                },
                "The amendments.",
            ),
            MOTION,
        ),
        **_post(
            "Submit a body's amendment to a motion, as one of its officers, by the amendments "
            "deadline, once a quorate meeting of its members carried it; not the motion's own "
            "body; within the rules' length, and their number of motions per body, read as the "
            "amendments a body submits to one conference",
            {
                "type": "object",
                "required": ["body", "text", "meeting_on", "votes_for", "votes_against"],
                "properties": {
                    "body": {
                        "type": "string",
                        "description": "The short name of the body submitting it: one that "
                        "sends delegates, or the conference's own; not the motion's.",
                    },
                    "text": {
                        "type": "string",
                        "description": "The motion's whole text as the amendment would leave it.",
                    },
                    "meeting_on": DATE,
                    "votes_for": COUNT,
                    "votes_against": COUNT,
                    "votes_abstain": {**COUNT, "description": "Default 0."},
                },
            },
            "201",
            _json(_ref("Amendment"), "The amendment, numbered and recorded."),
            MOTION,
        ),
    },
    "/amendments/{amendment_id}/accept/": _post(
        "Accept an amendment as friendly, as an officer of the motion's body; once, recorded",
        None,
        "200",
        _json(_ref("Amendment"), "The amendment, accepted."),
        AMENDMENT,
    ),
}


# Credentials: the credentials committee's report, its review, a challenge, standing down.

CREDENTIAL = _id("credential_id", "The credential's id.")
REASON = {"type": "string", "maxLength": 500}

CONFERENCES_SCHEMAS["CredentialEntry"] = {
    "type": "object",
    "description": "A delegate's credential, as the credentials committee reports it.",
    "required": [
        "credential",
        "name",
        "status",
        "reason",
        "seated",
        "issued_at",
        "reviewed_at",
        "alternate_for",
        "stood_down_at",
        "stood_down_reason",
        "taken_by",
        "seat_empty",
        "challenges",
    ],
    "properties": {
        "credential": {**INTEGER, "description": "The credential's id."},
        "name": {**STRING, "description": "The delegate's name."},
        "status": {
            "enum": ["pending", "verified", "rejected", "stood-down"],
            "description": "stood-down: the delegate gave up the seat; no longer valid.",
        },
        "reason": {**STRING, "description": "The committee's reason (required to reject)."},
        "seated": {
            **BOOLEAN,
            "description": "Whether the delegate still holds the seat in the delegation.",
        },
        "issued_at": DATE_TIME,
        "reviewed_at": NULLABLE_DATE_TIME,
        "alternate_for": {
            **STRING,
            "description": "An alternate's: the name of the delegate whose seat they took "
            "(empty for a delegate).",
        },
        "stood_down_at": NULLABLE_DATE_TIME,
        "stood_down_reason": STRING,
        "taken_by": {
            **STRING,
            "description": "A credential given up: the alternate who took the seat (empty: "
            "nobody).",
        },
        "seat_empty": {
            **BOOLEAN,
            "description": "Given up with no alternate left: the seat stays empty.",
        },
        "challenges": {
            "type": "array",
            "description": "The challenges to it, in the order raised.",
            "items": {
                "type": "object",
                "required": ["id", "raised_by", "reason", "raised_at"],
                "properties": {
                    "id": INTEGER,
                    "raised_by": {**STRING, "description": "The challenger's name."},
                    "reason": STRING,
                    "raised_at": DATE_TIME,
                },
            },
        },
    },
}

CONFERENCES_PATHS["/conferences/{conference_id}/credentials/"] = _get(
    "The credentials report: for each body that sends delegates, the seats it is entitled to, "
    "the delegates seated now, the credentials issued, verified, rejected and pending, and each "
    "delegate's credential with its challenges",
    _json(
        {
            "type": "object",
            "required": ["conference", "senders"],
            "properties": {
                "conference": INTEGER,
                "senders": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [
                            "unit",
                            "entitled",
                            "elected",
                            "issued",
                            "verified",
                            "rejected",
                            "pending",
                            "stood_down",
                            "held",
                            "delegates",
                            "alternates",
                        ],
                        "properties": {
                            "unit": {**STRING, "description": "The sending body's short name."},
                            "entitled": COUNT,
                            "elected": {**COUNT, "description": "Delegates seated now."},
                            "issued": COUNT,
                            "verified": COUNT,
                            "rejected": COUNT,
                            "pending": COUNT,
                            "stood_down": COUNT,
                            "held": {
                                **COUNT,
                                "description": "Seats held now, by delegates and alternates.",
                            },
                            "delegates": {"type": "array", "items": _ref("CredentialEntry")},
                            "alternates": {
                                "type": "array",
                                "description": "Its alternates, in the order they step up "
                                "(the order the count elected them).",
                                "items": {
                                    "type": "object",
                                    "required": ["place", "name", "state", "seat_of"],
                                    "properties": {
                                        "place": INTEGER,
                                        "name": STRING,
                                        "state": {
                                            "enum": [
                                                "waiting",
                                                "seated",
                                                "stood-down",
                                                "delegate",
                                                "gone",
                                            ]
                                        },
                                        "seat_of": {
                                            **STRING,
                                            "description": "Whose seat they took (empty: none).",
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        "The report.",
    ),
    CONFERENCE,
)
CONFERENCES_PATHS["/credentials/{credential_id}/review/"] = _post(
    "Verify a delegate's credential, or reject it with a reason, as a member of the "
    "conference's credentials committee, before the conference closes; recorded",
    {
        "type": "object",
        "required": ["verified"],
        "properties": {
            "verified": {**BOOLEAN, "description": "true to verify, false to reject."},
            "reason": {**REASON, "description": "Required to reject."},
        },
    },
    "200",
    _json(_ref("CredentialEntry"), "The credential, reviewed."),
    CREDENTIAL,
)
CONFERENCES_PATHS["/credentials/{credential_id}/challenge/"] = _post(
    "Challenge another delegate's credential with a reason, as a delegate to the conference or "
    "an officer of its body, before it closes: a verified credential goes back to pending; "
    "recorded",
    {
        "type": "object",
        "required": ["reason"],
        "properties": {"reason": REASON},
    },
    "201",
    _json(_ref("CredentialEntry"), "The credential, with the challenge."),
    CREDENTIAL,
)
CONFERENCES_PATHS["/credentials/{credential_id}/stand-down/"] = _post(
    "Stand down from a delegation with a reason, as the delegate or an officer of their body "
    "whose office has powers, before the conference closes: the credential is no longer valid, "
    "and the first alternate in line takes the seat with a credential of their own (none left: "
    "the seat stays empty); recorded",
    {
        "type": "object",
        "required": ["reason"],
        "properties": {"reason": REASON},
    },
    "200",
    _json(_ref("CredentialEntry"), "The credential, given up."),
    CREDENTIAL,
)
