"""The conference papers as a PDF: the published agenda with every motion, composite and
amendment on it, line-numbered, rendered by the scheduler (never inside a request: a long
programme with hundreds of amendments takes seconds), once for each version of the agenda."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .. import selectors
from ..models import Conference, Papers


def papers_render(*, conference: Conference, now: datetime.datetime | None = None) -> bool:
    """Render the papers of the conference's current agenda version, in the installation's
    language; once (another process that stored them first leaves nothing to do). Returns
    whether this call stored them."""
    import weasyprint  # noqa: PLC0415 - heavy, and needed by the scheduler only

    now = now or timezone.now()
    conference = Conference.objects.select_related("body").get(pk=conference.pk)
    version = conference.agenda_version
    if version == 0 or Papers.objects.filter(conference=conference, version=version).exists():
        return False
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "conferences/papers_print.html",
            {"conference": conference, "items": selectors.papers_of(conference)},
        )
    pdf = weasyprint.HTML(string=html).write_pdf()
    try:
        with transaction.atomic():
            # Published again while printing: these items are the newer version's, which the
            # next tick prints under its own number.
            current = Conference.objects.select_for_update().get(pk=conference.pk)
            if current.agenda_version != version:
                return False
            Papers.objects.create(
                conference=conference,
                version=version,
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                rendered_at=now,
            )
    except IntegrityError:
        return False
    return True
