"""The OpenAPI description's shared vocabulary: references, responses, parameters and value
shapes, used by `openapi` and by each part of the description kept in a module of its own."""

from __future__ import annotations

from typing import Any

from django.db.models import TextChoices

from .problems import PROBLEM_MEDIA_TYPE

API_VERSION = "1"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": _ref("Problem")}},
    }


def _enum(choices: type[TextChoices]) -> dict[str, list[str]]:
    return {"enum": list(choices.values)}


def _id(name: str, what: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": what,
        "schema": {"type": "integer"},
    }


def _page_of(counted: str, order: str, items: dict[str, Any]) -> dict[str, Any]:
    """One page of a long list (`api.views._paged`): `counted` describes the count, `order`
    the entries' order and page size."""
    return {
        "type": "object",
        "required": ["count", "page", "pages", "entries"],
        "properties": {
            "count": {"type": "integer", "description": counted},
            "page": INTEGER,
            "pages": INTEGER,
            "next": {"type": ["string", "null"], "description": "The next page's path."},
            "previous": {"type": ["string", "null"]},
            "entries": {"type": "array", "description": order, "items": items},
        },
    }


NOT_FOUND = _error("No such object, or it is not open to you (the same answer either way).")
UNAUTHORISED = _error("Not logged in and no valid bearer token.")
BAD_REQUEST = _error(
    "The body is not a JSON object (or is nested more than 32 deep, or holds a lone surrogate "
    "or a NUL character), or a field is missing, malformed or longer than its limit."
)
BAD_QUERY = _error("A query parameter is malformed (it holds a NUL character, say).")
TOO_LARGE = _error("The body is larger than the server accepts (2.5 MB unless configured).")
FORBIDDEN = _error("Not permitted: not a member, not eligible, or (with a session) no CSRF token.")
CONFLICT = _error("Not now: outside the timetable, or already done.")
TOO_MANY = {
    **_error("Too many invalid tokens from this address: wait as long as Retry-After says."),
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}
UNAVAILABLE = {
    **_error(
        "The database or the disk cannot serve for a moment (restarting, full): nothing was "
        "saved; send the same request again after Retry-After seconds."
    ),
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}
NOT_VERIFIABLE = _error(
    "No such election, it is not open to you, or its ballots are not verifiable."
)


def _get(summary: str, ok: dict[str, Any], *params: dict[str, Any], **extra: Any) -> Any:
    return {
        "get": {
            "summary": summary,
            "parameters": list(params),
            "responses": {
                "200": ok,
                "400": BAD_QUERY,
                "401": UNAUTHORISED,
                "404": NOT_FOUND,
                "429": TOO_MANY,
                "503": UNAVAILABLE,
                **extra,
            },
        }
    }


def _post(
    summary: str,
    body: dict[str, Any] | None,
    ok_status: str,
    ok: dict[str, Any],
    *params: dict[str, Any],
) -> Any:
    operation: dict[str, Any] = {
        "summary": summary,
        "parameters": list(params),
        "responses": {
            ok_status: ok,
            "400": BAD_REQUEST,
            "401": UNAUTHORISED,
            "403": FORBIDDEN,
            "404": NOT_FOUND,
            "409": CONFLICT,
            "413": TOO_LARGE,
            "429": TOO_MANY,
            "503": UNAVAILABLE,
        },
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body}},
        }
    return {"post": operation}


# OpenAPI 3.1 describes a binary body by its media type alone, with no schema: a schema would
# claim the bytes are a (Unicode) string.
ZIP = {"description": "A zip archive.", "content": {"application/zip": {}}}
ELECTION = _id("election_id", "The election's id.")
CANDIDATE = _id("candidate_id", "The nomination's id.")
PETITION = _id("petition_id", "The recall petition's id.")

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
DATE_TIME = {"type": "string", "format": "date-time"}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE_TIME = {"type": ["string", "null"], "format": "date-time"}
HEX = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
PARAMETER_VALUE = {"type": ["string", "integer", "null"]}
SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "description": "The body's short name.",
    "schema": {"type": "string"},
}
RULE_CHANGE = _id("change_id", "The rule change's id.")
CONFERENCE = _id("conference_id", "The conference's id.")
NULLABLE_ID = {"type": ["integer", "null"]}
NO_RULEBOOK = _error("The organisation has no rulebook in force on that date.")
