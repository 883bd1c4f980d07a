"""The headers every response carries, pages, API and static files alike.

The Content Security Policy lets a page run only scripts and styles served from this site as
files: no inline script, no `style` attribute, no other origin. The voting page encrypts the
ballot in the browser, so a script injected into it (through a name an officer typed, or a
compromised third-party host) could read or change the vote before it is encrypted; under this
policy the browser refuses to run it. Django 5.2 has no CSP of its own, and the policy is one
fixed string, so a few lines here replace a dependency.

Referrer-Policy, X-Content-Type-Options, X-Frame-Options and the HTTPS settings come from
Django's own middleware and settings (`newcourse.settings`); this adds what they do not.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        # The voting page fetches the election and posts the ballot to this site only.
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
# None of these powerful features is used by any page: a script cannot ask for them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeaders:
    """First in MIDDLEWARE, so that static files served by WhiteNoise carry the headers too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
