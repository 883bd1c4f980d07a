"""The minutes' PDF: the one table of the minutes, since the minutes themselves are read from
what the floor, the committee and the record already hold (`selectors_minutes`).

Kept in a module of its own beside the hall's models; `apps.FloorConfig.import_models` loads it
with them, so migrations see it as any other model of the app."""

from __future__ import annotations

from django.db import models

from newcourse.conferences.models import Conference


class MinutesPdf(models.Model):
    """The minutes of a conference as a PDF, which the scheduler renders again whenever the
    minutes changed (`services.minutes.minutes_render`): only the latest rendering is kept,
    since each one holds everything the one before did. `markdown_sha256` is the hash of the
    Markdown it was rendered beside, in the installation's language: the minutes changed when
    that hash does. `record_seq` is the last entry of the open record about the conference
    that the rendering took in, so the scheduler looks again only after a newer one."""

    conference = models.OneToOneField(
        Conference, on_delete=models.PROTECT, related_name="minutes_pdf"
    )
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    markdown_sha256 = models.CharField(max_length=64)
    record_seq = models.BigIntegerField()
    rendered_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.conference} minutes, rendered {self.rendered_at:%Y-%m-%d %H:%M}"
