"""How a page answers htmx: the fragment for htmx's requests, the page otherwise, and `Vary`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import RequestFactory

from newcourse.fragments import render_page_or_fragment, wants_fragment

SOURCE = Path(__file__).resolve().parents[1] / "src" / "newcourse"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "false"}, False),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
    ],
)
def test_wants_fragment_only_for_htmx_swaps(headers, expected):
    request = RequestFactory().get("/", headers=headers)

    assert wants_fragment(request) is expected


@pytest.fixture
def two_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"page.html": "<html>{{ n }}</html>", "part.html": "<p>{{ n }}</p>"},
                    )
                ]
            },
        }
    ]


@pytest.mark.parametrize(
    ("headers", "body"),
    [({}, b"<html>7</html>"), ({"HX-Request": "true"}, b"<p>7</p>")],
)
def test_render_page_or_fragment_varies_on_the_headers_that_chose(two_templates, headers, body):
    request = RequestFactory().get("/", headers=headers)

    response = render_page_or_fragment(
        request, page="page.html", fragment="part.html", context={"n": 7}, status=409
    )

    assert (response.status_code, response.content) == (409, body)
    assert response["Vary"] == "HX-Request, HX-History-Restore-Request"


def test_only_fragments_reads_the_htmx_request_headers():
    """A view that chose its answer from HX-Request itself could forget `Vary`."""
    readers = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if re.search(r"HX-Request|HTTP_HX_|\.htmx\b", path.read_text(encoding="utf-8"))
    )

    assert readers == ["fragments.py"]
