"""Pages' one mapping of refusals: a refusal that reaches no form becomes an error page.

A view that can show a refusal where it happened (a form error, a message above the page) does
so; one it does not expect (a stored election that fails the verifier's check, read by any
page) passes up to this middleware, which answers with the refusal's message and HTTP status
instead of a server error. The API answers in its own wrapper (`newcourse.api.auth`), the CLI
in `newcourse.console`.

The database down or the disk full (`newcourse.outage`) is answered here too, with a page that
needs neither: 503, Retry-After, and "nothing was saved, try again".
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views import defaults

from newcourse.outage import unavailable
from newcourse.refusals import Refused


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Refused):
            return render(
                request,
                "web/refused.html",
                {"message": exception.message, "code": exception.code},
                status=exception.status,
            )
        refused = unavailable(exception)
        if refused is None:
            return None
        return _unavailable_page(refused.message, refused.status, refused.retry_after)


def server_error(request: HttpRequest) -> HttpResponse:
    """The pages' 500 view (`handler500`), for what escaped every view and middleware: the
    database failing outside a view (the session saved after it, say) is still an outage,
    answered 503 like one inside, and logged once per outage, not with a traceback each time."""
    refused = unavailable(error) if (error := sys.exc_info()[1]) is not None else None
    if refused is None:
        return defaults.server_error(request)
    response = _unavailable_page(refused.message, refused.status, refused.retry_after)
    response._has_been_logged = True  # type: ignore[attr-defined] - `unavailable` logged it
    return response


def _unavailable_page(message: str, status: int, retry_after: int) -> HttpResponse:
    # The page says so without the database: no header menu, no session, no messages.
    response = HttpResponse(
        render_to_string("web/unavailable.html", {"message": message}), status=status
    )
    response["Retry-After"] = str(retry_after)
    return response
