"""RFC 9457 problem details: the one place where a refusal becomes an API response.

Every refusal, raised by a service (`newcourse.refusals` and its subclasses in the apps) or by
the API itself (`ApiError` below), is answered as `application/problem+json`:

    {"type": "/api/v1/problems/not-found", "title": "Not found", "status": 404,
     "detail": "There is no such election, or it is not open to you."}

`type` is `/api/v1/problems/<code>`, a URI reference relative to the server, built from the
refusal's stable `code`: programs switch on it, and it never changes once published (a new kind of
refusal gets a new code). `title` is short and the same for every refusal with that code (in the
request's language); `detail` is the refusal's own message, for people; `status` repeats the
HTTP status.
"""

from __future__ import annotations

import sys
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from newcourse.outage import unavailable
from newcourse.refusals import Refused, TooManyAttempts, Unavailable

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "PROBLEM_TYPE_PREFIX",
    "ApiError",
    "BadJson",
    "BodyTooLarge",
    "CsrfFailed",
    "MethodNotAllowed",
    "NoSuchPage",
    "NoSuchVersion",
    "NotAuthenticated",
    "NotVerifiable",
    "UnknownPath",
    "problem_response",
    "problem_title",
    "problem_type",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "/api/v1/problems/"


class ApiError(Refused):
    """A refusal the API itself gives, around the services: how a request was sent, not what
    it asks for. Some answer with a header as well (`headers`)."""

    code = "api-error"
    status = 400

    def headers(self) -> dict[str, str]:
        return {}


class BadJson(ApiError):
    """The request body is not a JSON object."""

    code = "bad-json"
    status = 400


class BodyTooLarge(ApiError):
    """The request body is over the server's limit (settings' DATA_UPLOAD_MAX_MEMORY_SIZE)."""

    code = "body-too-large"
    status = 413


class NotAuthenticated(ApiError):
    """No session and no valid bearer token; RFC 9110 asks for the challenge with every 401."""

    code = "not-authenticated"
    status = 401

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer realm="newcourse"'}


class CsrfFailed(ApiError):
    """An unsafe request on a session without the CSRF token: it may be another site's form."""

    code = "csrf-failed"
    status = 403


class UnknownPath(ApiError):
    """Nothing is served at this path (or this step of a path does not exist)."""

    code = "unknown-path"
    status = 404


class NoSuchPage(ApiError):
    """A page past the last of a paginated list."""

    code = "no-such-page"
    status = 404


class NoSuchVersion(ApiError):
    """The body is open to the caller, but its rules have no version of that number."""

    code = "no-such-version"
    status = 404


class NotVerifiable(ApiError):
    """The election exists and is open to the caller, but its ballots are not encrypted, so it
    has no tellers, board or election record."""

    code = "not-verifiable"
    status = 404


class MethodNotAllowed(ApiError):
    """The path exists but not with this method; the answer names the ones it has (`Allow`)."""

    code = "method-not-allowed"
    status = 405

    def __init__(self, message: str, *, allow: tuple[str, ...]) -> None:
        super().__init__(message)
        self.allow = allow

    def headers(self) -> dict[str, str]:
        return {"Allow": ", ".join(self.allow)}


# One short title per code. A code missing here still gets a title, the HTTP status's phrase,
# so adding a refusal elsewhere can never break the API.
TITLES = {
    "refused": _("Refused"),
    "invalid-input": _("Invalid input"),
    "not-found": _("Not found"),
    "not-permitted": _("Not permitted"),
    "not-eligible": _("Not eligible"),
    "outside-window": _("Not at this time"),
    "already-done": _("Already done"),
    "conflict": _("Conflict"),
    "stale": _("Changed by somebody else"),
    "invalid-ballot": _("Invalid ballot"),
    "invalid-teller-file": _("Invalid teller file"),
    "stored-election-tampered": _("Stored election fails the verifier's check"),
    "token-refused": _("Token refused"),
    "body-cycle": _("Body inside itself"),
    "duplicate-body": _("Duplicate body"),
    "duplicate-member": _("Duplicate member"),
    "invalid-transition": _("Invalid transition"),
    "api-error": _("Bad request"),
    "bad-json": _("Bad JSON"),
    "body-too-large": _("Body too large"),
    "not-authenticated": _("Not authenticated"),
    "csrf-failed": _("CSRF check failed"),
    "unknown-path": _("Unknown path"),
    "no-such-page": _("No such page"),
    "no-such-version": _("No such version"),
    "not-verifiable": _("Not verifiable"),
    "method-not-allowed": _("Method not allowed"),
    "too-many-attempts": _("Too many attempts"),
    "unavailable": _("Unavailable for a moment"),
    "no-rulebook": _("No rulebook"),
    "invalid-rules": _("Rules that cannot be loaded"),
}


def problem_type(code: str) -> str:
    """The problem's `type` for a refusal code: stable, so programs can rely on it."""
    return f"{PROBLEM_TYPE_PREFIX}{code}"


def problem_title(refused: Refused) -> str:
    """The short title of the refusal's code, in the active language."""
    title = TITLES.get(refused.code)
    return str(title) if title is not None else HTTPStatus(refused.status).phrase


def problem_response(refused: Refused) -> JsonResponse:
    """The refusal as RFC 9457 problem details, with the headers its status calls for."""
    response = JsonResponse(
        {
            "type": problem_type(refused.code),
            "title": problem_title(refused),
            "status": refused.status,
            "detail": refused.message,
        },
        status=refused.status,
        content_type=PROBLEM_MEDIA_TYPE,
    )
    if isinstance(refused, ApiError):
        for name, value in refused.headers().items():
            response[name] = value
    if isinstance(refused, TooManyAttempts | Unavailable):
        response["Retry-After"] = str(refused.retry_after)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The API's 500 (`handler500`, for a path under /api/): problem details always, and an
    outage outside a view (the database failing in a middleware) answered 503 like one inside,
    logged once per outage rather than with a traceback per request."""
    error = sys.exc_info()[1]
    refused = unavailable(error) if error is not None else None
    if refused is None:
        return JsonResponse(
            {"type": "about:blank", "title": HTTPStatus(500).phrase, "status": 500},
            status=500,
            content_type=PROBLEM_MEDIA_TYPE,
        )
    response = problem_response(refused)
    response._has_been_logged = True  # type: ignore[attr-defined] - `unavailable` logged it
    return response
