"""The tendencies' part of the OpenAPI description: a body's tendencies and proposing one, a
tendency, signing it, withdrawing one's signature and asking for its dissolution (see
`newcourse.api.tendencies`)."""

from __future__ import annotations

from typing import Any

from newcourse.tendencies.models import PLATFORM_MAX_LENGTH, TendencyStatus, Visibility
from newcourse.tendencies.services import NAME_MAX_LENGTH, REASON_MAX_LENGTH

from .openapi_base import (
    BOOLEAN,
    DATE_TIME,
    INTEGER,
    NULLABLE_DATE_TIME,
    SLUG,
    STRING,
    _enum,
    _get,
    _id,
    _json,
    _post,
    _ref,
)

TENDENCY = _id("tendency_id", "The tendency's id.")
VISIBILITY = {
    **_enum(Visibility),
    "description": "Who may see the signatories, as the rules say: anyone who may see the "
    "body (public), the body's members (members), or the tendency's contacts (contacts).",
}

TENDENCIES_SCHEMAS: dict[str, Any] = {
    "TendencyBrief": {
        "type": "object",
        "required": [
            "id",
            "body",
            "name",
            "status",
            "signatures",
            "proposed_at",
            "declared_at",
            "dissolved_at",
        ],
        "properties": {
            "id": INTEGER,
            "body": {**STRING, "description": "The body's short name."},
            "name": STRING,
            "status": _enum(TendencyStatus),
            "signatures": {**INTEGER, "description": "Live signatures: always shown."},
            "proposed_at": DATE_TIME,
            "declared_at": NULLABLE_DATE_TIME,
            "dissolved_at": NULLABLE_DATE_TIME,
        },
    },
    "Tendency": {
        "allOf": [
            _ref("TendencyBrief"),
            {
                "type": "object",
                "required": [
                    "platform",
                    "threshold",
                    "dissolution_asked",
                    "signatories_visible_to",
                    "signed",
                    "asked_to_dissolve",
                    "signatories",
                ],
                "properties": {
                    "platform": STRING,
                    "threshold": {
                        **INTEGER,
                        "description": "Signatures that declare a tendency in its body now.",
                    },
                    "dissolution_asked": {
                        **INTEGER,
                        "description": "Live signatories who asked to dissolve it; more than "
                        "half dissolve it.",
                    },
                    "signatories_visible_to": VISIBILITY,
                    "signed": {**BOOLEAN, "description": "Whether you have signed."},
                    "asked_to_dissolve": BOOLEAN,
                    "signatories": {
                        "type": ["array", "null"],
                        "description": "Who signed, when the rules let you see it; else null.",
                        "items": {
                            "type": "object",
                            "required": ["number", "name"],
                            "properties": {"number": STRING, "name": STRING},
                        },
                    },
                },
            },
        ]
    },
    "Tendencies": {
        "type": "object",
        "required": [
            "body",
            "threshold",
            "members_in_good_standing",
            "signatories_visible_to",
            "tendencies",
        ],
        "properties": {
            "body": STRING,
            "threshold": {**INTEGER, "description": "Signatures that declare a tendency now."},
            "members_in_good_standing": INTEGER,
            "signatories_visible_to": VISIBILITY,
            "tendencies": {"type": "array", "items": _ref("TendencyBrief")},
        },
    },
}

TENDENCIES_PATHS: dict[str, Any] = {
    "/bodies/{slug}/tendencies/": {
        **_get(
            "A body's tendencies, with the threshold that declares one",
            _json(_ref("Tendencies"), "The tendencies."),
            SLUG,
        ),
        **_post(
            "Propose a tendency in the body, as a member in good standing of it or of a body "
            "within it; yours is its first signature",
            {
                "type": "object",
                "required": ["name", "platform"],
                "properties": {
                    "name": {"type": "string", "maxLength": NAME_MAX_LENGTH},
                    "platform": {"type": "string", "maxLength": PLATFORM_MAX_LENGTH},
                },
            },
            "201",
            _json(_ref("Tendency"), "The tendency, proposed and recorded."),
            SLUG,
        ),
    },
    "/tendencies/{tendency_id}/": _get(
        "A tendency: platform, status, signatures and threshold; its signatories where the "
        "rules let you see them",
        _json(_ref("Tendency"), "The tendency."),
        TENDENCY,
    ),
    "/tendencies/{tendency_id}/sign/": _post(
        "Sign for a tendency; enough signatures declare it",
        None,
        "200",
        _json(_ref("Tendency"), "The tendency, with your signature counted."),
        TENDENCY,
    ),
    "/tendencies/{tendency_id}/withdraw/": _post(
        "Withdraw your own signature (it stays on file, withdrawn, with your reason)",
        {
            "type": "object",
            "properties": {"reason": {"type": "string", "maxLength": REASON_MAX_LENGTH}},
        },
        "200",
        _json(_ref("Tendency"), "The tendency, without your signature."),
        TENDENCY,
    ),
    "/tendencies/{tendency_id}/dissolve/": _post(
        "Ask, as one of its signatories, for the tendency's dissolution: it is dissolved when "
        "more than half of its signatories have asked. No one else can dissolve it",
        None,
        "200",
        _json(_ref("Tendency"), "The tendency, with your request counted."),
        TENDENCY,
    ),
}
