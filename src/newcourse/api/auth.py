"""Who is asking, and how refusals are answered: the wrapper every API view runs in.

A request is authenticated by a bearer token (`Authorization: Bearer TOKEN`, exempt from CSRF:
a browser never sends it on its own) or by the session cookie, in which case unsafe methods
need the CSRF token exactly as the pages do. Every refusal, a service's or the API's own, is
answered as RFC 9457 problem details by `problems.problem_response`, here and nowhere else.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from newcourse.accounts import throttle
from newcourse.accounts.tokens import api_token_user
from newcourse.elections import access as election_access
from newcourse.jsontext import text_fault
from newcourse.organisation.models import Member
from newcourse.outage import unavailable
from newcourse.refusals import AccessDenied, InvalidInput, NotPermitted, Refused

from .problems import (
    BadJson,
    BodyTooLarge,
    CsrfFailed,
    MethodNotAllowed,
    NotAuthenticated,
    problem_response,
)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# No request the API describes nests deeper than a teller's document; a limit far below
# Python's recursion limit keeps every later walk over the data safe.
MAX_JSON_DEPTH = 32

View = Callable[..., HttpResponse]


def api_view(*methods: str, public: bool = False) -> Callable[[View], View]:
    """Allow `methods`, authenticate (unless `public`) and answer every refusal as problem
    details.

    `AccessDenied` from an `access_*` function becomes 404 with its message: a probe learns
    nothing about what exists.
    """

    def wrap(view: View) -> View:
        @functools.wraps(view)
        def run(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            try:
                if request.method not in methods:
                    raise MethodNotAllowed(
                        _("Use %(methods)s here.") % {"methods": " or ".join(methods)},
                        allow=methods,
                    )
                if any("\x00" in value for value in request.GET.values()):
                    # PostgreSQL cannot store or compare a NUL: refused before any lookup.
                    raise InvalidInput(_("A query parameter holds a NUL character."))
                if not public:
                    authenticate(request)
                return view(request, **kwargs)
            except Refused as refused:
                return problem_response(refused)
            except RequestDataTooBig:
                # Django's own answer would be an HTML page; the limit is settings'
                # DATA_UPLOAD_MAX_MEMORY_SIZE.
                return problem_response(BodyTooLarge(_("The request body is too large.")))
            except TooManyFieldsSent:
                return problem_response(BadJson(_("The request body has too many fields.")))
            except Exception as error:
                # The database down or the disk full: 503 and Retry-After, not a server error.
                refused = unavailable(error)
                if refused is None:
                    raise
                return problem_response(refused)

        return csrf_exempt(run)

    return wrap


def authenticate(request: HttpRequest) -> None:
    """Set `request.user` from a bearer token, or check the session (and its CSRF token)."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _space, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated(_("Send the token as “Authorization: Bearer TOKEN”."))
        address = throttle.client_address(request)
        throttle.attempts_check(scope=throttle.API_TOKEN, account="", address=address)
        user = api_token_user(token)
        if user is None:
            throttle.attempt_failed(scope=throttle.API_TOKEN, account="", address=address)
            raise NotAuthenticated(
                _("The token is not valid: it is unknown, has expired or has been revoked.")
            )
        request.user = user
        return
    if not request.user.is_authenticated:
        raise NotAuthenticated(_("Log in, or send an API token as “Authorization: Bearer TOKEN”."))
    if request.method not in SAFE_METHODS:
        refused = CsrfViewMiddleware(_no_response).process_view(request, None, (), {})
        if refused is not None:
            raise CsrfFailed(
                _(
                    "The CSRF check failed: with a session, send the X-CSRFToken header; "
                    "programs should use a token instead."
                ),
            )


def member_acting(request: HttpRequest) -> Member:
    """The caller's membership, for acting (nominating, voting, signing, proposing); a login
    without one is refused with 403."""
    try:
        return election_access.member_acting(request.user)
    except AccessDenied as denied:
        raise NotPermitted(denied.message) from denied


def _no_response(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def json_body(request: HttpRequest) -> dict[str, Any]:
    """The request's JSON object (empty when there is no body), or a 400 saying what is wrong.

    Valid JSON can still carry what no database stores: a lone surrogate (`"\\ud800"`, or its
    bytes in a body that is not UTF-8) or a NUL character. They are refused here, once, so no
    service ever meets them and no endpoint answers 500.
    """
    if not request.body:
        return {}
    try:
        data = json.loads(request.body)
    except RecursionError as error:
        raise BadJson(_("The request body is nested too deeply.")) from error
    except ValueError as error:
        raise BadJson(
            _("The request body is not valid JSON: %(error)s.") % {"error": error}
        ) from error
    if not isinstance(data, dict):
        raise BadJson(_("The request body must be a JSON object."))
    _refuse_unstorable(data)
    return data


def _refuse_unstorable(data: Any) -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH and strings no database can hold."""
    fault = text_fault(data, max_depth=MAX_JSON_DEPTH, refuse_nul=True)
    if fault == "nested":
        raise BadJson(_("The request body is nested too deeply."))
    if fault is not None:
        raise BadJson(
            _(
                "The request body holds a string that is not valid text: a lone "
                "surrogate or a NUL character."
            )
        )


def text_field(
    data: dict[str, Any], name: str, *, required: bool = False, max_length: int | None = None
) -> str:
    """The string field `name`; `max_length` is the model field's, which only forms enforce
    otherwise (a TextField's limit is not the database's)."""
    value = data.get(name, "")
    if not isinstance(value, str):
        raise InvalidInput(_("“%(name)s” must be a string.") % {"name": name})
    if required and not value.strip():
        raise InvalidInput(_("Give “%(name)s”.") % {"name": name})
    if max_length is not None and len(value) > max_length:
        raise InvalidInput(
            _("“%(name)s” is longer than %(limit)d characters.")
            % {"name": name, "limit": max_length}
        )
    return value


def ok(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False)
