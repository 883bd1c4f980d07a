"""The stored rules against the open record: each version's text, parameters and date must be
those the record sealed when it was adopted (`newcourse record verify` runs this)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from newcourse.record.models import RecordEntry

from .models import RulesVersion
from .services import ADOPTED, FOUNDED, version_payload


def rulebook_matches_record() -> list[str]:
    """One sentence per version whose row differs from its record entry, or that has no
    entry, or whose entry has no row."""
    sealed: dict[tuple[str | None, int], RecordEntry] = {}
    for entry in RecordEntry.objects.filter(action__in=[FOUNDED, ADOPTED]).order_by("seq"):
        sealed[(entry.body_slug, int(entry.payload.get("version", 0)))] = entry
    problems = []
    for version in RulesVersion.objects.select_related("body").order_by("body__path", "number"):
        entry = sealed.pop((version.body.slug, version.number), None)
        label = _("Rules of %(body)s, version %(n)s") % {
            "body": version.body.slug,
            "n": version.number,
        }
        if entry is None:
            problems.append(_("%(label)s: the record has no entry adopting it.") % {"label": label})
            continue
        stored = version_payload(version)
        differing = sorted(key for key in stored if stored[key] != entry.payload.get(key))
        if differing:
            problems.append(
                _("%(label)s differs from record entry %(seq)s in: %(fields)s.")
                % {"label": label, "seq": entry.seq, "fields": ", ".join(differing)}
            )
    for (slug, number), entry in sealed.items():
        problems.append(
            _(
                "Record entry %(seq)s adopted version %(n)s of the rules of %(body)s, which "
                "the database no longer holds."
            )
            % {"seq": entry.seq, "n": number, "body": slug}
        )
    return problems
