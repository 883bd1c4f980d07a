"""The minutes' pages: the minutes as they stand (worded afresh on every read, from what the
floor, the committee and the open record hold), their Markdown for the archive, and the
latest PDF the scheduler rendered. Reading needs only to see the conference's body; nothing
here writes."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newcourse.conferences.views import _conference

from .minutes_document import minutes_document, minutes_markdown
from .selectors_minutes import minutes_of, minutes_pdf_of


@require_safe
@login_required
def minutes_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    minutes = minutes_of(conference)
    pdf = minutes_pdf_of(conference)
    current = False
    if pdf is not None:
        # The PDF is in the installation's language: compare it with the minutes worded so.
        with translation.override(settings.LANGUAGE_CODE):
            markdown = minutes_markdown(minutes)
        current = hashlib.sha256(markdown.encode()).hexdigest() == pdf.markdown_sha256
    return render(
        request,
        "floor/minutes.html",
        {
            "conference": conference,
            "body": conference.body,
            "minutes": minutes,
            "blocks": minutes_document(minutes),
            "pdf": pdf,
            "pdf_current": current,
        },
    )


@require_safe
@login_required
def minutes_md(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as Markdown, in the reader's language, to keep."""
    conference = _conference(request, pk)
    response = HttpResponse(
        minutes_markdown(minutes_of(conference)), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="conference-{conference.pk}-minutes.md"'
    )
    return response


@require_safe
@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    pdf = minutes_pdf_of(conference)
    if pdf is None:
        raise Http404(_("The minutes' PDF is rendered within a minute of the floor opening."))
    response = HttpResponse(bytes(pdf.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="conference-{conference.pk}-minutes-{pdf.rendered_at:%Y%m%d-%H%M}.pdf"'
    )
    return response
