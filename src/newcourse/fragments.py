"""One answer to a page that htmx may ask for in part: the whole page, or only its fragment.

htmx marks its own requests with `HX-Request: true`; a view that answers those with a fragment
and others with the page gives two bodies at one URL. A cache (the browser's own, or a proxy)
keys a response by its URL alone unless `Vary` names the request headers that chose it, and
would then serve the fragment as the page, or the page inside the page. So every such response,
the page as much as the fragment, carries `Vary: HX-Request, HX-History-Restore-Request`.

When its history cache misses (the member goes back to a search they left), htmx 2 reloads the
URL with `HX-Request: true` and `HX-History-Restore-Request: true`, and puts what comes back in
place of the whole <body>: that request is answered with the page, not the fragment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

__all__ = ["FRAGMENT_HEADERS", "render_page_or_fragment", "wants_fragment"]

# The request headers that choose between the page and the fragment.
FRAGMENT_HEADERS = ("HX-Request", "HX-History-Restore-Request")


def wants_fragment(request: HttpRequest) -> bool:
    """Whether htmx asked for the part of the page it swaps in, rather than the whole page."""
    return request.headers.get("HX-Request") == "true" and (
        request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_fragment(
    request: HttpRequest,
    *,
    page: str,
    fragment: str,
    context: Mapping[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render the `fragment` template for htmx's requests and the `page` template for others,
    with the `Vary` header that keeps caches from serving one for the other."""
    template = fragment if wants_fragment(request) else page
    response = render(request, template, dict(context), status=status)
    patch_vary_headers(response, FRAGMENT_HEADERS)
    return response
