"""The minutes' PDF, rendered by the scheduler (never inside a request: WeasyPrint takes
seconds, and a read never writes), as the conference papers are.

The minutes change whenever something happens on the floor or in the committee, and a page
or the API words them afresh each time they are read; the PDF follows at the next tick. The
scheduler looks only at conferences whose floor has opened and about which the record holds
an entry newer than the last rendering (`selectors_minutes.conferences_due_for_minutes`), words
their minutes in the installation's language, and renders them again only when the Markdown's
hash differs from the last rendering's: a check-in between two votes costs a hash, not a PDF."""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from newcourse.conferences.models import Conference

from ..minutes_document import minutes_document, minutes_markdown
from ..models import MinutesPdf
from ..selectors_minutes import conferences_due_for_minutes, latest_entries, minutes_of

logger = logging.getLogger(__name__)


def minutes_render(
    *, conference: Conference, seq: int | None = None, now: datetime.datetime | None = None
) -> bool:
    """Render the minutes of `conference` as a PDF if they changed since the last rendering,
    in the installation's language, and keep it in place of that one. `seq` is the latest
    record entry about the conference (looked up when not given). Returns whether this call
    stored a new PDF; another process that stored one first leaves it nothing to do."""
    import weasyprint  # noqa: PLC0415 - heavy, and needed by the scheduler only

    now = now or timezone.now()
    conference = Conference.objects.select_related("body").get(pk=conference.pk)
    if seq is None:
        seq = latest_entries([conference.pk]).get(conference.pk, 0)
    stored = MinutesPdf.objects.filter(conference=conference).first()
    if stored is not None and stored.record_seq >= seq:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        minutes = minutes_of(conference)
        digest = hashlib.sha256(minutes_markdown(minutes).encode()).hexdigest()
        if stored is not None and stored.markdown_sha256 == digest:
            # Nothing the minutes say has changed (a delegate checked out, say): note how far
            # the record was read, so the next tick does not word them again for it.
            MinutesPdf.objects.filter(pk=stored.pk, record_seq=stored.record_seq).update(
                record_seq=seq
            )
            return False
        html = render_to_string(
            "floor/minutes_print.html",
            {
                "minutes": minutes,
                "blocks": minutes_document(minutes),
                "LANGUAGE_CODE": settings.LANGUAGE_CODE,
            },
        )
    pdf = weasyprint.HTML(string=html).write_pdf()
    rendering = {
        "pdf": pdf,
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "markdown_sha256": digest,
        "record_seq": seq,
        "rendered_at": now,
    }
    if stored is None:
        try:
            with transaction.atomic():
                MinutesPdf.objects.create(conference=conference, **rendering)
        except IntegrityError:
            return False  # another scheduler rendered them first
        return True
    # Claimed by the rendering it replaces: of two processes rendering at once, one stores.
    return bool(
        MinutesPdf.objects.filter(pk=stored.pk, record_seq=stored.record_seq).update(**rendering)
    )


def minutes_tick(*, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Render the minutes of every conference whose minutes may have changed; the
    scheduler's step (`elections_tick` calls it). Returns the failures as (subject, error),
    each logged and tried again at the next tick."""
    now = now or timezone.now()
    failures = []
    for conference, seq in conferences_due_for_minutes():
        try:
            minutes_render(conference=conference, seq=seq, now=now)
        except Exception as error:
            logger.exception("Conference %s: the minutes could not be rendered", conference.pk)
            failures.append(
                (f"conference:{conference.pk}", f"minutes: {type(error).__name__}: {error}")
            )
    return failures
