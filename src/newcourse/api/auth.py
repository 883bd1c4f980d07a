"""Who is asking, and how refusals are answered: the wrapper every API view runs in.

A request is authenticated by a bearer token (`Authorization: Bearer TOKEN`, exempt from CSRF:
a browser never sends it on its own) or by the session cookie, in which case unsafe methods
need the CSRF token exactly as the pages do. Every refusal is JSON `{"error": message}`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from newcourse.accounts.tokens import api_token_user
from newcourse.refusals import (
    Refused,
)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

View = Callable[..., HttpResponse]


class ApiError(Exception):
    """A refusal the API itself gives (bad input, not logged in), with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


def error_response(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="newcourse"'
    return response


def api_view(*methods: str, public: bool = False) -> Callable[[View], View]:
    """Allow `methods`, authenticate (unless `public`) and turn every refusal into JSON.

    `AccessDenied` from an `access_*` function becomes 404 with its message: a probe learns
    nothing about what exists.
    """

    def wrap(view: View) -> View:
        @functools.wraps(view)
        def run(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = error_response(
                    405, _("Use %(methods)s here.") % {"methods": " or ".join(methods)}
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                if not public:
                    authenticate(request)
                return view(request, **kwargs)
            except ApiError as error:
                return error_response(error.status, error.message)
            except Refused as refused:
                return error_response(refused.status, refused.message)

        return csrf_exempt(run)

    return wrap


def authenticate(request: HttpRequest) -> None:
    """Set `request.user` from a bearer token, or check the session (and its CSRF token)."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _space, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, _("Send the token as “Authorization: Bearer TOKEN”."))
        user = api_token_user(token)
        if user is None:
            raise ApiError(401, _("The token is not valid: it is unknown or has been revoked."))
        request.user = user
        return
    if not request.user.is_authenticated:
        raise ApiError(401, _("Log in, or send an API token as “Authorization: Bearer TOKEN”."))
    if request.method not in SAFE_METHODS:
        refused = CsrfViewMiddleware(_no_response).process_view(request, None, (), {})
        if refused is not None:
            raise ApiError(
                403,
                _(
                    "The CSRF check failed: with a session, send the X-CSRFToken header; "
                    "programs should use a token instead."
                ),
            )


def _no_response(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def json_body(request: HttpRequest) -> dict[str, Any]:
    """The request's JSON object (empty when there is no body), or a 400 saying what is wrong."""
    if not request.body:
        return {}
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError) as error:
        raise ApiError(
            400, _("The request body is not valid JSON: %(error)s.") % {"error": error}
        ) from error
    if not isinstance(data, dict):
        raise ApiError(400, _("The request body must be a JSON object."))
    return data


def text_field(data: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise ApiError(400, _("“%(name)s” must be a string.") % {"name": name})
    if required and not value.strip():
        raise ApiError(400, _("Give “%(name)s”.") % {"name": name})
    return value


def ok(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False)
