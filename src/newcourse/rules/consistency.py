"""The stored rules against the open record (`newcourse record verify` runs this): each
version's text, parameters, day and source must be those the record sealed when it was adopted,
only a first version may be a founding, and each rule change's text the one sealed when it was
proposed (the text the members vote on)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from newcourse.record.models import RecordEntry

from .models import RuleChange, RulesVersion
from .services import ADOPTED, FOUNDED, text_sha256, version_payload


def rulebook_matches_record() -> list[str]:
    """One sentence per version or rule change whose row differs from its record entry, or
    that has no entry, or whose entry has no row."""
    return _versions_against_record() + _rule_changes_against_record()


def _versions_against_record() -> list[str]:
    sealed: dict[tuple[str | None, int], RecordEntry] = {}
    problems = []
    for entry in RecordEntry.objects.filter(action__in=[FOUNDED, ADOPTED]).order_by("seq"):
        number = int(entry.payload.get("version", 0))
        if entry.action == FOUNDED and number != 1:
            problems.append(
                _("Record entry %(seq)s founds version %(n)s: only a first version is founded.")
                % {"seq": entry.seq, "n": number}
            )
        sealed[(entry.body_slug, number)] = entry
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
        differing = sorted(
            key
            for key in set(stored) | set(entry.payload)
            if stored.get(key) != entry.payload.get(key)
        )
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


def _rule_changes_against_record() -> list[str]:
    proposed = {
        int(entry.payload.get("rule_change", 0)): entry.payload.get("text_sha256")
        for entry in RecordEntry.objects.filter(action="rules.change_proposed").only("payload")
    }
    problems = []
    for pk, text in RuleChange.objects.values_list("pk", "text").order_by("pk"):
        if proposed.get(pk) != text_sha256(text):
            problems.append(
                _("Rule change %(n)s: its text is not the one sealed when it was proposed.")
                % {"n": pk}
            )
    return problems
