"""The API described in OpenAPI 3.1, served at /api/v1/openapi.json.

Kept by hand beside `urls.py`; a test fails when an endpoint is missing from it, and every
response the API tests receive is checked against it. Enumerations are taken from the models'
choices, so a new status cannot leave the description behind.
"""

from __future__ import annotations

from typing import Any

from newcourse import __version__, ledger
from newcourse.elections.models import ElectionKind, ElectionStatus, PetitionStatus
from newcourse.offices.models import OfficeKind
from newcourse.organisation.officers import Power
from newcourse.verifiable.models import TellerStep

from .openapi_actions import ACTIONS_PATHS, ACTIONS_SCHEMAS
from .openapi_base import (
    API_VERSION,
    BOOLEAN,
    CANDIDATE,
    DATE,
    DATE_TIME,
    ELECTION,
    HEX,
    INTEGER,
    NOT_VERIFIABLE,
    NULLABLE_DATE_TIME,
    PETITION,
    STRING,
    ZIP,
    _enum,
    _error,
    _get,
    _id,
    _json,
    _page_of,
    _post,
    _ref,
)
from .openapi_committees import COMMITTEES_PATHS, COMMITTEES_SCHEMAS
from .openapi_conferences import CONFERENCES_PATHS, CONFERENCES_SCHEMAS
from .openapi_discipline import DISCIPLINE_PATHS, DISCIPLINE_SCHEMAS
from .openapi_floor import FLOOR_PATHS, FLOOR_SCHEMAS
from .openapi_mandates import MANDATES_PATHS, MANDATES_SCHEMAS
from .openapi_minutes import MINUTES_PATHS, MINUTES_SCHEMAS
from .openapi_priorities import PRIORITIES_PATHS, PRIORITIES_SCHEMAS
from .openapi_rules import RULES_PATHS, RULES_SCHEMAS
from .openapi_tendencies import TENDENCIES_PATHS, TENDENCIES_SCHEMAS
from .problems import PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_PREFIX, TITLES

SCHEMAS: dict[str, Any] = {
    "SignedHead": {
        "type": "object",
        "description": "The open record's head, signed now with the installation's Ed25519 "
        "key (format newcourse-signed-head/1, docs/record.md). Keep it: `newcourse record "
        "verify --head SEQ:HASH` shows whether the record still holds it.",
        "required": ["format", "installation", "seq", "hash", "signed_at", "signature"],
        "properties": {
            "format": {"const": "newcourse-signed-head/1"},
            "installation": STRING,
            "seq": {"type": "integer", "minimum": 0, "description": "The last entry's number."},
            "hash": {**HEX, "description": "The last entry's hash."},
            "signed_at": STRING,
            "signature": {"type": "string", "pattern": "^[0-9a-f]{128}$"},
        },
    },
    "HeadKey": {
        "type": "object",
        "required": ["format", "installation", "algorithm", "public_key"],
        "properties": {
            "format": {"const": "newcourse-head-key/1"},
            "installation": STRING,
            "algorithm": {"const": "Ed25519"},
            "public_key": HEX,
        },
    },
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details: every refusal is answered so, as "
        f"{PROBLEM_MEDIA_TYPE}. The codes: {', '.join(sorted(TITLES))}.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {
                "type": "string",
                "format": "uri-reference",
                "pattern": f"^{PROBLEM_TYPE_PREFIX}[a-z0-9-]+$",
                "description": f"{PROBLEM_TYPE_PREFIX}CODE, relative to the server: the "
                "refusal's stable code, for programs to switch on.",
            },
            "title": {"type": "string", "description": "Short, the same for every CODE."},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string", "description": "What is wrong, in words."},
        },
    },
    "BodyBrief": {
        "type": "object",
        "required": ["slug", "name", "kind"],
        "properties": {"slug": STRING, "name": STRING, "kind": STRING},
    },
    "Holder": {
        "type": "object",
        "properties": {
            "term": INTEGER,
            "name": STRING,
            "began_on": DATE,
            "due_on": DATE,
            "founding": BOOLEAN,
        },
    },
    "OfficeBrief": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "title": STRING,
            "kind": _enum(OfficeKind),
            "powers": {
                "type": "array",
                "items": _enum(Power),
                "description": "What its officers may do: keep the register (the directory, "
                "admissions, standing), create the body's offices, keep the books, issue voting "
                "credentials. Tellers and delegations hold none.",
            },
            "seats": INTEGER,
            "holders": {"type": "array", "items": _ref("Holder")},
        },
    },
    "Body": {
        "allOf": [
            _ref("BodyBrief"),
            {
                "type": "object",
                "properties": {
                    "parent": {"type": ["string", "null"]},
                    "members": INTEGER,
                    "children": {
                        "type": "array",
                        "items": {
                            "allOf": [
                                _ref("BodyBrief"),
                                {"type": "object", "properties": {"members": INTEGER}},
                            ]
                        },
                    },
                    "offices": {"type": "array", "items": _ref("OfficeBrief")},
                },
            },
        ]
    },
    "Office": {
        "allOf": [
            _ref("OfficeBrief"),
            {
                "type": "object",
                "properties": {
                    "body": _ref("BodyBrief"),
                    "method": STRING,
                    "rules": {
                        "description": "What the rulebook in force says of this kind of "
                        "office (null while the organisation has no rulebook)",
                        "oneOf": [{"type": "null"}, _ref("OfficeRules")],
                    },
                    "elections": {"type": "array", "items": _ref("ElectionBrief")},
                    "petitions": {"type": "array", "items": _ref("PetitionBrief")},
                },
            },
        ]
    },
    "OfficeRules": {
        "type": "object",
        "required": [
            "rulebook_version",
            "standing_orders_version",
            "term_months",
            "consecutive_term_limit",
            "good_standing_months",
            "recall_threshold",
            "recall_majority",
            "nomination_days",
            "voting_days",
        ],
        "properties": {
            "rulebook_version": INTEGER,
            "standing_orders_version": {"type": ["integer", "null"]},
            "term_months": INTEGER,
            "consecutive_term_limit": {"type": ["integer", "null"]},
            "good_standing_months": INTEGER,
            "recall_threshold": {
                "type": "string",
                "description": "Share of the electorate whose signatures open a recall vote",
            },
            "recall_majority": {"type": "string", "description": "simple, or a share: 2/3"},
            "nomination_days": INTEGER,
            "voting_days": INTEGER,
        },
    },
    "ElectionBrief": {
        "type": "object",
        "required": ["id", "body", "office", "method", "status", "ballots", "verifiable"],
        "properties": {
            "id": INTEGER,
            "title": STRING,
            "kind": _enum(ElectionKind),
            "body": {"type": "string", "description": "The body's short name."},
            "office": {
                "type": "object",
                "properties": {"id": INTEGER, "title": STRING},
            },
            "status": _enum(ElectionStatus),
            "method": STRING,
            "seats": INTEGER,
            "voting_opens_at": DATE_TIME,
            "voting_closes_at": DATE_TIME,
            "ballots": {"type": "integer", "description": "Ballots cast so far."},
            "verifiable": {
                "type": "boolean",
                "description": "Ballots encrypted in the voter's browser and counted by the "
                "elected tellers: see /elections/{election_id}/verifiable/.",
            },
        },
    },
    "Election": {
        "allOf": [
            _ref("ElectionBrief"),
            {
                "type": "object",
                "properties": {
                    "timetable": {
                        "type": "object",
                        "properties": {
                            "nominations_open_at": DATE_TIME,
                            "nominations_close_at": DATE_TIME,
                            "voting_opens_at": DATE_TIME,
                            "voting_closes_at": DATE_TIME,
                        },
                    },
                    "recall_of": {"type": ["integer", "null"], "description": "A term's id."},
                    "seed": {
                        "type": "string",
                        "description": "The seed for any lot, once counted: SHA-256 of the "
                        "closed ballot box (docs/counting.md), never chosen by anyone.",
                    },
                    "electorate_size": {"type": ["integer", "null"]},
                    "credentials": {
                        "type": ["integer", "null"],
                        "description": "A verifiable election's public credentials (handed in "
                        "so far, or listed once voting opens), beside electorate_size so "
                        "padding shows; null for an election that is not verifiable.",
                    },
                    "candidates": {
                        "type": "array",
                        "description": "Standing candidates, in ballot-paper order.",
                        "items": {
                            "type": "object",
                            "properties": {"id": INTEGER, "name": STRING, "statement": STRING},
                        },
                    },
                    "nominations": {"type": "array", "items": _ref("Nomination")},
                    "counted_at": NULLABLE_DATE_TIME,
                    "declared_at": NULLABLE_DATE_TIME,
                    "may_vote": BOOLEAN,
                    "has_voted": BOOLEAN,
                    "not_verifiable_because": {
                        "type": ["string", "null"],
                        "description": "Set when the office's elections are verifiable but this "
                        "one went ahead as a plain secret ballot: why, as the record says (too "
                        "few elected tellers, or their key ceremony unfinished when voting "
                        "opened).",
                    },
                },
            },
        ]
    },
    "Nomination": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "election": INTEGER,
            "name": STRING,
            "seconded": BOOLEAN,
            "accepted": BOOLEAN,
            "withdrawn": BOOLEAN,
            "standing": BOOLEAN,
            "statement": STRING,
        },
    },
    "Receipt": {
        "type": "object",
        "required": ["receipt"],
        "properties": {
            "election": INTEGER,
            "receipt": {
                "type": "string",
                "description": "Find your ballot, as cast, in ballots.json after the count.",
            },
        },
    },
    "CountReport": {
        "type": "object",
        "description": "The counting engine's JSON report (format newcourse-count/1), as stored.",
        "properties": {"format": STRING, "method": STRING, "elected": {"type": "array"}},
    },
    "BallotsAsCast": {
        "type": "object",
        "required": ["format", "election", "ballots"],
        "properties": {
            "format": {"const": "newcourse-ballots/1"},
            "election": INTEGER,
            "ballots": {
                "type": "array",
                "description": "Sorted by receipt.",
                "items": {
                    "type": "object",
                    "properties": {
                        "receipt": STRING,
                        "ranking": {
                            "type": "array",
                            "items": STRING,
                            "description": "Candidates' names, first preference first; "
                            "“yes” or “no” in a recall vote.",
                        },
                        "weight": INTEGER,
                    },
                },
            },
        },
    },
    "Verifiable": {
        "type": "object",
        "description": "A verifiable election as the voting page's ballot.js takes it (the "
        "shapes of the election record's files: docs/verifiable-ballots.md), with its tellers "
        "and its board.",
        "required": [
            "manifest",
            "election_key",
            "commitments",
            "ceremony",
            "fingerprint",
            "tellers",
            "threshold",
            "board_head",
            "ballots",
        ],
        "properties": {
            "manifest": {
                "type": "object",
                "description": "election_id, title, opens, closes, tellers, threshold, "
                "client_code, questions [{title, options, min_marks, max_marks, "
                "max_per_option}].",
            },
            "election_key": HEX,
            "commitments": {
                "type": "array",
                "description": "The qualified tellers' Feldman commitments, in dealer order.",
                "items": {"type": "array", "items": HEX},
            },
            "ceremony": {**HEX, "description": "The digest T of the tellers' transcript."},
            "fingerprint": {**HEX, "description": "What every ballot is bound to."},
            "credentials": {
                "type": "array",
                "description": "The public credential list, sorted by key; left out for a "
                "large electorate (then take it from the record).",
                "items": {
                    "type": "object",
                    "properties": {"key": HEX, "weight": INTEGER},
                },
            },
            "tellers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "index": INTEGER,
                        "name": STRING,
                        "handed_in": {"type": "array", "items": _ref("TellerStep")},
                    },
                },
            },
            "threshold": {"type": "integer", "description": "Tellers needed to decrypt."},
            "board_head": {**HEX, "description": "The hash of the board's last entry."},
            "ballots": {"type": "integer", "description": "Entries on the board."},
        },
    },
    "TellerStep": _enum(TellerStep),
    "RecordPage": _page_of(
        "Entries in the body's whole record.", "In chain order, 200 a page.", _ref("RecordEntry")
    ),
    "RecordEntry": {
        "type": "object",
        "description": "One entry of the open record (format newcourse-record/1, "
        "docs/record.md). The fields seq to hash are the public entry, exactly as hashed; "
        "`payload.private`, when present, is the commitment to the entry's personal details.",
        "required": [*ledger.ENTRY_FIELDS, "private", "withheld", "mismatch"],
        "properties": {
            "seq": INTEGER,
            "recorded_at": STRING,
            "actor": STRING,
            "action": STRING,
            "subject": STRING,
            "body": {"type": ["string", "null"]},
            "payload": {"type": "object"},
            "prev_hash": HEX,
            "hash": HEX,
            "private": {
                "type": ["object", "null"],
                "description": "The personal details, for the member and the officers of "
                "their body and the bodies above it: SHA-256 of the canonical JSON of "
                '{"salt": salt, "fields": fields} equals `payload.private`. Null for '
                "everyone else, and for entries without personal details.",
                "required": ["salt", "fields"],
                "properties": {"salt": STRING, "fields": {"type": "object"}},
            },
            "withheld": {
                **BOOLEAN,
                "description": "The entry has personal details that are not shown to you.",
            },
            "mismatch": {
                **BOOLEAN,
                "description": "The stored personal details do not match the commitment.",
            },
        },
    },
    "BoardPage": _page_of(
        "Entries on the whole board.",
        "In board order, 500 a page.",
        {
            "type": "object",
            "properties": {
                "seq": INTEGER,
                "tracker": HEX,
                "supersedes": {
                    "type": ["integer", "null"],
                    "description": "The seq of the same credential's earlier ballot.",
                },
                "hash": HEX,
            },
        },
    ),
    "TellerFile": {
        "type": "object",
        "description": "A teller's public file, exactly as `newcourse teller` wrote it "
        "(public-key.json, commitment.json, deal.json, complaints.json, "
        "decryption-share.json): docs/crypto/tellers.md.",
        "required": ["format", "kind", "election_id"],
        "properties": {
            "format": {"const": "newcourse-teller/1"},
            "kind": _ref("TellerStep"),
            "election_id": STRING,
        },
    },
    "TellerBundle": {
        "type": "object",
        "description": "Every teller's file of one step, for the next step of `newcourse teller`.",
        "required": ["format", "kind", "election_id", "messages"],
        "properties": {
            "format": {"const": "newcourse-teller-bundle/1"},
            "kind": _ref("TellerStep"),
            "election_id": STRING,
            "messages": {"type": "array", "items": _ref("TellerFile")},
        },
    },
    "ElectorsFile": {
        "type": "object",
        "description": "newcourse-electors/1: who would be an elector if voting opened now, "
        "for the credential authority's `newcourse credentials generate`.",
        "required": ["format", "election_id", "electors"],
        "properties": {
            "format": {"const": "newcourse-electors/1"},
            "election_id": STRING,
            "election": INTEGER,
            "title": STRING,
            "electors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["number", "name", "email", "weight", "issued"],
                    "properties": {
                        "number": STRING,
                        "name": STRING,
                        "email": STRING,
                        "weight": INTEGER,
                        "issued": {
                            "type": "boolean",
                            "description": "Already holds a credential of this election.",
                        },
                    },
                },
            },
        },
    },
    "PublicCredentials": {
        "type": "object",
        "description": "newcourse-public-credentials/1, as `newcourse credentials generate` "
        "wrote it: public keys only, never a code.",
        "required": ["format", "election_id", "credentials"],
        "properties": {
            "format": {"const": "newcourse-public-credentials/1"},
            "election_id": STRING,
            "credentials": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["number", "key"],
                    "properties": {"number": STRING, "key": STRING, "weight": INTEGER},
                },
            },
        },
    },
    "CredentialsTaken": {
        "type": "object",
        "required": ["uploaded", "credentials", "electorate", "sha256"],
        "properties": {
            "uploaded": INTEGER,
            "credentials": {"type": "integer", "description": "Now held, in all."},
            "electorate": {"type": "integer", "description": "Electors if voting opened now."},
            "sha256": {"type": "string", "description": "Digest of the keys taken, as recorded."},
        },
    },
    "TellerReceipt": {
        "type": "object",
        "required": ["kind", "teller"],
        "properties": {"kind": _ref("TellerStep"), "teller": INTEGER},
    },
    "PetitionBrief": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "status": _enum(PetitionStatus),
            "signatures": INTEGER,
            "threshold": INTEGER,
        },
    },
    "Petition": {
        "description": "Counts only: the signers are never listed.",
        "allOf": [
            _ref("PetitionBrief"),
            {
                "type": "object",
                "properties": {
                    "reason": STRING,
                    "opened_at": DATE_TIME,
                    "term": INTEGER,
                    "officer": STRING,
                    "office": {"type": "object", "properties": {"id": INTEGER, "title": STRING}},
                    "body": STRING,
                    "vote": {"type": ["integer", "null"], "description": "The recall vote."},
                    "signed": {"type": "boolean", "description": "Whether you signed."},
                },
            },
        ],
    },
    **RULES_SCHEMAS,
    **CONFERENCES_SCHEMAS,
    **COMMITTEES_SCHEMAS,
    **MANDATES_SCHEMAS,
    **PRIORITIES_SCHEMAS,
    **FLOOR_SCHEMAS,
    **MINUTES_SCHEMAS,
    **TENDENCIES_SCHEMAS,
    **DISCIPLINE_SCHEMAS,
    **ACTIONS_SCHEMAS,
}

PATHS: dict[str, Any] = {
    "/openapi.json": {
        "get": {
            "summary": "This description",
            "security": [],
            "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1.")},
        }
    },
    "/record/head": {
        "get": {
            "summary": "The open record's head, signed (anyone may read it)",
            "security": [],
            "responses": {"200": _json(_ref("SignedHead"), "The head, signed now.")},
        }
    },
    "/record/key": {
        "get": {
            "summary": "The public key the record's heads are signed with",
            "security": [],
            "responses": {"200": _json(_ref("HeadKey"), "The installation's public key.")},
        }
    },
    "/bodies/": _get(
        "The bodies you belong to (your branch and those above it) or serve",
        _json(
            {
                "type": "object",
                "properties": {"bodies": {"type": "array", "items": _ref("BodyBrief")}},
            },
            "The bodies, from the top down.",
        ),
    ),
    "/bodies/{slug}/": _get(
        "A body: its sub-bodies with member counts, its offices with their holders",
        _json(_ref("Body"), "The body."),
        {
            "name": "slug",
            "in": "path",
            "required": True,
            "description": "The body's short name.",
            "schema": {"type": "string"},
        },
    ),
    "/bodies/{slug}/record/": _get(
        "A body's open record: public entries, with personal details only for those "
        "entitled to them",
        _json(_ref("RecordPage"), "One page of the record."),
        {
            "name": "slug",
            "in": "path",
            "required": True,
            "description": "The body's short name.",
            "schema": {"type": "string"},
        },
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": "From 1 (the default).",
            "schema": {"type": "integer", "minimum": 1},
        },
        **{"400": _error("The page is not a whole number from 1.")},
    ),
    **RULES_PATHS,
    **CONFERENCES_PATHS,
    **COMMITTEES_PATHS,
    **MANDATES_PATHS,
    **PRIORITIES_PATHS,
    **FLOOR_PATHS,
    **MINUTES_PATHS,
    **TENDENCIES_PATHS,
    **DISCIPLINE_PATHS,
    **ACTIONS_PATHS,
    "/offices/{office_id}/": _get(
        "An office: its rules, holders, elections and open recall petitions",
        _json(_ref("Office"), "The office."),
        _id("office_id", "The office's id."),
    ),
    "/elections/": _get(
        "Elections to the offices of the bodies you belong to or serve",
        _json(
            {
                "type": "object",
                "properties": {"elections": {"type": "array", "items": _ref("ElectionBrief")}},
            },
            "The elections, latest first.",
        ),
        {
            "name": "body",
            "in": "query",
            "required": False,
            "description": "Only this body's elections (its short name).",
            "schema": {"type": "string"},
        },
    ),
    "/elections/{election_id}/": _get(
        "An election: timetable, candidates, electorate, ballots cast, whether you may vote",
        _json(_ref("Election"), "The election, with the status its timetable implies now."),
        ELECTION,
    ),
    "/elections/{election_id}/nominations/": _post(
        "Nominate a member (you are the proposer)",
        {
            "type": "object",
            "required": ["candidate"],
            "properties": {
                "candidate": {
                    "type": ["string", "integer"],
                    "description": "The membership number of the member nominated.",
                }
            },
        },
        "201",
        _json(_ref("Nomination"), "The nomination; it stands once seconded and accepted."),
        ELECTION,
    ),
    "/elections/{election_id}/ballots/": _post(
        "Cast your ballot",
        {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["ranking"],
                    "properties": {
                        "ranking": {
                            "type": "array",
                            "items": {"type": ["integer", "string"]},
                            "description": "Candidate ids, first preference first.",
                        }
                    },
                },
                {
                    "type": "object",
                    "required": ["choice"],
                    "properties": {"choice": {"enum": ["yes", "no"]}},
                    "description": "A recall vote.",
                },
            ]
        },
        "201",
        _json(
            _ref("Receipt"),
            "The ballot is in the box; keep the receipt. Sent again with the same "
            "Idempotency-Key, the same receipt: the ballot that counted.",
        ),
        ELECTION,
        {
            "name": "Idempotency-Key",
            "in": "header",
            "required": False,
            "description": "A random key of the client's for this ballot (16 to 128 letters, "
            "digits, - or _): if the answer is lost, sending the same request with the same "
            "key gives the receipt instead of “already voted”. Only its hash is kept, until "
            "the close.",
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,128}$"},
        },
    ),
    "/elections/{election_id}/result/": _get(
        "The count report, once the result is declared",
        _json(_ref("CountReport"), "The stored report."),
        ELECTION,
        **{"409": _error("The result has not been declared yet.")},
    ),
    "/elections/{election_id}/ballots.blt": _get(
        "The anonymised ballots as a BLT file, once closed and counted",
        {
            "description": "BLT (candidates in ballot-paper order).",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        },
        ELECTION,
        **{
            "403": _error(
                "A recall vote (it has no candidates, so use ballots.json), or a verifiable "
                "election (its ballots are encrypted: check its election record instead)."
            ),
            "409": _error("Not counted yet."),
        },
    ),
    "/elections/{election_id}/ballots.json": _get(
        "The anonymised ballots with their receipts, once closed and counted",
        _json(_ref("BallotsAsCast"), "Every ballot, sorted by receipt."),
        ELECTION,
        **{
            "403": _error(
                "A verifiable election: its ballots are encrypted, so check its election "
                "record instead."
            ),
            "409": _error("Not counted yet."),
        },
    ),
    "/elections/{election_id}/verifiable/": _get(
        "A verifiable election's public parameters, tellers and board head",
        _json(_ref("Verifiable"), "What ballots are encrypted for and checked against."),
        ELECTION,
        **{"404": NOT_VERIFIABLE, "409": _error("The tellers' key ceremony is not finished yet.")},
    ),
    "/elections/{election_id}/board/": _get(
        "The board of encrypted ballots: trackers and hash chain, page by page",
        _json(_ref("BoardPage"), "One page of the board."),
        ELECTION,
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": "From 1 (the default).",
            "schema": {"type": "integer", "minimum": 1},
        },
        **{
            "400": _error("The page is not a whole number from 1."),
            "404": NOT_VERIFIABLE,
            "409": _error("The tellers' key ceremony is not finished yet."),
        },
    ),
    "/elections/{election_id}/tellers/": _post(
        "Hand in one of your files as a teller (the body is the file, as written)",
        _ref("TellerFile"),
        "201",
        _json(_ref("TellerReceipt"), "The file is taken: which step, which teller."),
        ELECTION,
    ),
    "/elections/{election_id}/electors/": _get(
        "The electors list, for the election's credential authority only",
        _json(_ref("ElectorsFile"), "Who would be an elector if voting opened now."),
        ELECTION,
        **{"403": _error("You are not this election's credential authority.")},
    ),
    "/elections/{election_id}/credentials/": _post(
        "Hand in public credentials, as the credential authority, before voting opens",
        _ref("PublicCredentials"),
        "201",
        _json(_ref("CredentialsTaken"), "Taken, all of them, and recorded."),
        ELECTION,
    ),
    "/elections/{election_id}/tellers/{kind}/": _get(
        "Every teller's file of one step of the key ceremony, as one bundle",
        _json(_ref("TellerBundle"), "The bundle, in teller order."),
        ELECTION,
        {
            "name": "kind",
            "in": "path",
            "required": True,
            "description": "The step.",
            "schema": {"enum": ["public-key", "commitment", "deal", "complaints"]},
        },
        **{"404": NOT_VERIFIABLE, "409": _error("Not every teller has handed in this step yet.")},
    ),
    "/elections/{election_id}/for-tellers.zip": _get(
        "What `newcourse teller decrypt` reads, once voting has closed",
        ZIP,
        ELECTION,
        **{"404": NOT_VERIFIABLE, "409": _error("Voting has not closed yet.")},
    ),
    "/elections/{election_id}/record.zip": _get(
        "The election record, for `newcourse verify`, once the result is declared",
        ZIP,
        ELECTION,
        **{"404": NOT_VERIFIABLE, "409": _error("The result has not been declared yet.")},
    ),
    "/candidates/{candidate_id}/second/": _post(
        "Second a nomination (one seconder each; not the proposer or the candidate)",
        None,
        "200",
        _json(_ref("Nomination"), "The nomination, seconded."),
        CANDIDATE,
    ),
    "/candidates/{candidate_id}/accept/": _post(
        "Accept your nomination, with the statement voters will read",
        {"type": "object", "properties": {"statement": {"type": "string", "maxLength": 5000}}},
        "200",
        _json(_ref("Nomination"), "The nomination, accepted."),
        CANDIDATE,
    ),
    "/candidates/{candidate_id}/withdraw/": _post(
        "Withdraw your nomination, before voting opens",
        None,
        "200",
        _json(_ref("Nomination"), "The nomination, withdrawn."),
        CANDIDATE,
    ),
    "/terms/{term_id}/recall/": _post(
        "Open a petition to recall an officer; yours is the first signature",
        {"type": "object", "required": ["reason"], "properties": {"reason": STRING}},
        "201",
        _json(_ref("Petition"), "The petition."),
        _id("term_id", "The officer's term (see an office's holders)."),
    ),
    "/petitions/{petition_id}/": _get(
        "A recall petition: signatures and threshold, never the signers",
        _json(_ref("Petition"), "The petition."),
        PETITION,
    ),
    "/petitions/{petition_id}/sign/": _post(
        "Sign a recall petition; enough signatures open the recall vote",
        None,
        "200",
        _json(_ref("Petition"), "The petition, with your signature counted."),
        PETITION,
    ),
}


def openapi_description() -> dict[str, Any]:
    """The whole description, as a JSON-ready dict."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "New Course API",
            "version": f"{API_VERSION} (newcourse {__version__})",
            "summary": "Bodies, their rules, offices, elections, nominations, ballots and recall.",
            "description": (
                "What the pages do, for programs, with the same permission checks. "
                "Authenticate with the session cookie (unsafe methods then need the "
                "X-CSRFToken header) or with `Authorization: Bearer TOKEN` (tokens come from "
                "`newcourse token create EMAIL`, and expire after 90 days unless the operator "
                "sets NEWCOURSE_API_TOKEN_DAYS; changing the password revokes them). Too many "
                "invalid tokens from one address are answered 429 for a while. Every refusal "
                "is RFC 9457 problem details "
                f"({PROBLEM_MEDIA_TYPE}): `type` is {PROBLEM_TYPE_PREFIX}CODE, a stable "
                "code; `title` is short; `detail` says what is wrong, in words."
            ),
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
        },
    }
