"""The floor's part of the OpenAPI description: the hall's state and every act on it (see
`newcourse.api.floor`)."""

from __future__ import annotations

from typing import Any

from newcourse.floor.models import CheckIn, FloorDemand, FloorVote, FloorVoter, Speaker

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

VOTE = _id("vote_id", "The vote's id.")
NULLABLE_COUNT = {"type": ["integer", "null"], "minimum": 0}
# A whole figure, or an exact share of a split card written "333 1/3".
FIGURE = {"type": ["integer", "string"]}

SPEAKER: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "unit", "stance", "role", "placed_at"],
    "properties": {
        "id": INTEGER,
        "name": STRING,
        "unit": STRING,
        "stance": _enum(Speaker.Stance),
        "role": _enum(Speaker.Role),
        "placed_at": {**NULLABLE_ID, "description": "Where the chair placed it; null: the rules."},
    },
}

FLOOR_SCHEMAS: dict[str, Any] = {
    "Floor": {
        "type": "object",
        "required": [
            "conference",
            "open",
            "self_check_in",
            "debating",
            "attendance",
            "you",
            "speaking",
            "speakers",
            "vote",
            "votes",
        ],
        "properties": {
            "conference": INTEGER,
            "open": {**BOOLEAN, "description": "Whether the chair has opened the floor."},
            "self_check_in": {**BOOLEAN, "description": "Delegates may check themselves in."},
            "debating": {
                **NULLABLE_ID,
                "description": "The position on the agenda of the item under debate.",
            },
            "attendance": {
                "type": "object",
                "required": [
                    "credentialed",
                    "present",
                    "remote",
                    "quorum",
                    "measure",
                    "counted",
                    "of",
                    "needed",
                    "quorate",
                ],
                "properties": {
                    "credentialed": {
                        **INTEGER,
                        "description": "Delegates holding a verified credential.",
                    },
                    "present": {**INTEGER, "description": "Of them, checked in now."},
                    "remote": {**INTEGER, "description": "Of those present, online."},
                    "quorum": {
                        **STRING,
                        "description": "The rulebook's conference.quorum, as a fraction.",
                    },
                    "measure": {
                        "enum": ["delegates", "members"],
                        "description": "What the quorum counts (the rulebook's "
                        "conference.quorum_by): delegates by head, or the members their "
                        "delegations represent.",
                    },
                    "counted": {**INTEGER, "description": "Present now, in that measure."},
                    "of": {**INTEGER, "description": "All those credentialed, in that measure."},
                    "needed": {**INTEGER, "description": "The quorum, in that measure."},
                    "quorate": BOOLEAN,
                },
            },
            "you": {
                "oneOf": [
                    {"type": "null", "description": "You hold no verified credential."},
                    {
                        "type": "object",
                        "required": ["credential", "present", "voted"],
                        "properties": {
                            "credential": INTEGER,
                            "present": BOOLEAN,
                            "voted": {**BOOLEAN, "description": "In the vote open now."},
                        },
                    },
                ]
            },
            "speaking": {
                "oneOf": [
                    {"type": "null", "description": "Nobody has the floor."},
                    {
                        **SPEAKER,
                        "required": [
                            *SPEAKER["required"],
                            "started_at",
                            "allowed_seconds",
                            "ends_at",
                        ],
                        "properties": {
                            **SPEAKER["properties"],
                            "started_at": DATE_TIME,
                            "allowed_seconds": {"type": ["integer", "null"]},
                            "ends_at": NULLABLE_DATE_TIME,
                        },
                    },
                ]
            },
            "speakers": {
                "type": "array",
                "description": "The list of speakers on the item under debate, in speaking order.",
                "items": SPEAKER,
            },
            "vote": {
                "oneOf": [
                    {"type": "null", "description": "No vote is open."},
                    _ref("FloorVote"),
                ]
            },
            "votes": {
                "type": "array",
                "description": "The votes closed, latest first.",
                "items": _ref("FloorVote"),
            },
        },
    },
    "FloorVote": {
        "type": "object",
        "required": [
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
            "cast",
            "closed_at",
            "for",
            "against",
            "abstain",
            "majority",
            "outcome",
            "decision",
            "roll",
            "electorate",
            "double_majority",
            "veto",
            "retaken_for",
            "sections",
            "cards",
        ],
        "properties": {
            "id": INTEGER,
            "number": INTEGER,
            "kind": _enum(FloorVote.Kind),
            "question": STRING,
            "motion": NULLABLE_ID,
            "amendment": NULLABLE_ID,
            "composite": NULLABLE_ID,
            "state": _enum(FloorVote.State),
            "opened_at": DATE_TIME,
            "present_at_opening": INTEGER,
            "cast": {
                **NULLABLE_COUNT,
                "description": "Electronic votes cast so far (never how); null by show of hands.",
            },
            "closed_at": NULLABLE_DATE_TIME,
            "for": NULLABLE_COUNT,
            "against": NULLABLE_COUNT,
            "abstain": NULLABLE_COUNT,
            "majority": {"type": ["string", "null"]},
            "outcome": {"type": ["string", "null"], "enum": [*FloorVote.Outcome.values, None]},
            "decision": {**NULLABLE_ID, "description": "Conference's decision it recorded."},
            "electorate": _enum(FloorVote.Electorate),
            "double_majority": {**BOOLEAN, "description": "A majority in each section needed."},
            "veto": {
                **BOOLEAN,
                "description": "A women's vote with most against: the proposal returns to the "
                "next conference.",
            },
            "retaken_for": {
                "type": "array",
                "items": _enum(FloorDemand.Kind),
                "description": "The demands met while it was open: it is put again so.",
            },
            "sections": {
                "type": "object",
                "description": "Each section's figures (exact shares of a card as text).",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "for": FIGURE,
                        "against": FIGURE,
                        "abstain": FIGURE,
                    },
                },
            },
            "cards": {
                "type": "array",
                "description": "A card vote's cards, delegation by delegation.",
                "items": {
                    "type": "object",
                    "required": ["unit", "members", "present", "for", "against", "abstain"],
                    "properties": {
                        "unit": STRING,
                        "members": INTEGER,
                        "present": INTEGER,
                        "for": FIGURE,
                        "against": FIGURE,
                        "abstain": FIGURE,
                        "note": STRING,
                    },
                },
            },
            "roll": {
                "type": "array",
                "description": "An open electronic vote's roll, once closed; empty otherwise.",
                "items": {
                    "type": "object",
                    "required": ["member", "vote"],
                    "properties": {"member": STRING, "vote": _enum(FloorVoter.Choice)},
                },
            },
        },
    },
}

_ID = {"type": "integer", "minimum": 1}

FLOOR_PATHS: dict[str, Any] = {
    "/conferences/{conference_id}/floor/": {
        **_get(
            "The hall now: attendance and quorum, the item under debate, the vote open and how "
            "many have voted, your place, and the votes taken",
            _json(_ref("Floor"), "The hall."),
            CONFERENCE,
        ),
        **_post(
            "Open the floor while conference sits, as a member of the standing orders "
            "committee, saying whether delegates may check themselves in (again: change that)",
            {"type": "object", "properties": {"self_check_in": BOOLEAN}},
            "201",
            _json(_ref("Floor"), "The hall, open."),
            CONFERENCE,
        ),
    },
    "/conferences/{conference_id}/floor/take-up/": _post(
        "Take up an item of the agenda (by its position; null: none), as the chair",
        {"type": "object", "properties": {"item": {"type": ["integer", "null"], "minimum": 1}}},
        "200",
        _json(_ref("Floor"), "The hall, with the item under debate."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/check-in/": _post(
        "Check a delegate in with the code on their card (a steward), or yourself where the "
        "chair allows it; `remote`: present online",
        {
            "type": "object",
            "required": ["token"],
            "properties": {"token": {**STRING, "minLength": 1}, "remote": BOOLEAN},
        },
        "201",
        _json(_ref("Floor"), "The hall, with the delegate present."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/check-out/": _post(
        "Check a delegate out (a steward, or the delegate)",
        {"type": "object", "required": ["credential"], "properties": {"credential": _ID}},
        "200",
        _json(_ref("Floor"), "The hall, without the delegate."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/votes/": _post(
        "Open a vote, as the chair, once conference is quorate and no other vote is open: on a "
        "motion, an amendment or a composite of the published agenda, or a procedural question",
        {
            "type": "object",
            "required": ["kind"],
            "properties": {
                "kind": _enum(FloorVote.Kind),
                "motion": _ID,
                "amendment": _ID,
                "composite": _ID,
                "question": {**STRING, "maxLength": 300},
            },
        },
        "201",
        _json(_ref("FloorVote"), "The vote, open."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/votes/{vote_id}/cast/": _post(
        "Vote in the electronic vote open, as a delegate checked in with a verified credential, "
        "once; a secret vote's paper names nobody",
        {
            "type": "object",
            "required": ["choice"],
            "properties": {"choice": _enum(FloorVoter.Choice)},
        },
        "201",
        _json(
            {
                "type": "object",
                "required": ["vote", "voted"],
                "properties": {"vote": INTEGER, "voted": {"const": True}},
            },
            "Your vote, committed.",
        ),
        CONFERENCE,
        VOTE,
    ),
    "/conferences/{conference_id}/floor/votes/{vote_id}/demand/": _post(
        "Demand, as a delegate present, that the open vote on an item be put otherwise: by "
        "card vote, with a majority in each section, or to the women delegates first; enough "
        "demands (as the rulebook says) put the question again so when it closes",
        {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": _enum(FloorDemand.Kind)},
        },
        "201",
        _json(
            {
                "type": "object",
                "required": ["vote", "demands"],
                "properties": {
                    "vote": INTEGER,
                    "demands": {
                        "type": "object",
                        "additionalProperties": INTEGER,
                        "description": "How many delegates made each demand.",
                    },
                },
            },
            "The demands made so far.",
        ),
        CONFERENCE,
        VOTE,
    ),
    "/conferences/{conference_id}/floor/speakers/": _post(
        "Ask to speak on the item under debate, as a delegate present; or, as the chair, put a "
        "delegate on the list by their credential's id (any role, even on a closed list)",
        {
            "type": "object",
            "required": ["stance"],
            "properties": {
                "stance": _enum(Speaker.Stance),
                "credential": _ID,
                "role": _enum(Speaker.Role),
            },
        },
        "201",
        _json(SPEAKER, "The request, waiting."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/speakers/next/": _post(
        "End the speech under way and call the next speaker, as the chair",
        None,
        "200",
        _json(_ref("Floor"), "The hall, with its new speaker."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/speakers/end/": _post(
        "End the speech under way, as the chair",
        None,
        "200",
        _json(_ref("Floor"), "The hall."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/speakers/rules/": _post(
        "Set the list's rules as conference's standing orders have them, or close it, as the "
        "chair (what is left out stays as it is)",
        {
            "type": "object",
            "properties": {
                "closed": BOOLEAN,
                "alternate_stances": BOOLEAN,
                "gender_order": {"enum": ["none", "alternate-women-first"]},
                "progressive_stack": {"enum": ["off", "debate", "conference"]},
                "mover_seconds": {"type": "integer", "minimum": 0, "maximum": 3600},
                "speaker_seconds": {"type": "integer", "minimum": 0, "maximum": 3600},
                "point_of_order_seconds": {"type": "integer", "minimum": 0, "maximum": 3600},
            },
        },
        "200",
        _json(_ref("Floor"), "The hall."),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/speakers/{speaker_id}/{act}/": _post(
        "Withdraw your own waiting request (`withdraw`), or as the chair place one at "
        "`position` (1: next; null: the rules place it) or remove it",
        {"type": "object", "properties": {"position": {"type": ["integer", "null"], "minimum": 1}}},
        "200",
        _json(_ref("Floor"), "The hall."),
        CONFERENCE,
        _id("speaker_id", "The request's id."),
        {
            "name": "act",
            "in": "path",
            "required": True,
            "schema": {"enum": ["withdraw", "place", "remove"]},
        },
    ),
    "/conferences/{conference_id}/floor/declare/": _post(
        "Declare your gender, as a delegate checked in, for the women's vote and a speakers' "
        'list by gender ("" withdraws it); never on the open record',
        {
            "type": "object",
            "required": ["gender"],
            "properties": {"gender": {"enum": ["", *CheckIn.Gender.values]}},
        },
        "200",
        _json(
            {
                "type": "object",
                "required": ["credential", "gender"],
                "properties": {"credential": INTEGER, "gender": STRING},
            },
            "Your declaration.",
        ),
        CONFERENCE,
    ),
    "/conferences/{conference_id}/floor/votes/{vote_id}/close/": _post(
        "Close the vote and declare its result, as the chair: a show of hands with the "
        "tellers' `for`, `against` and `abstain`; an electronic vote with no figures",
        {
            "type": "object",
            "properties": {
                "for": {"type": "integer", "minimum": 0},
                "against": {"type": "integer", "minimum": 0},
                "abstain": {"type": "integer", "minimum": 0},
            },
        },
        "200",
        _json(_ref("FloorVote"), "The vote, closed, with its outcome."),
        CONFERENCE,
        VOTE,
    ),
}
