"""What the rules say: the one place any other code asks for a number the rules fix.

`rules_for(body, on)` answers "what does the rulebook say for this body on this date": the
rulebook version in force that day, with the body's own standing orders in force that day laid
over it where the rulebook lets a body set a parameter. An act that runs over time (an election,
a recall) records the versions it started under and reads them again with `rules_recorded`,
so a later rule change never reaches an act already under way.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse import rulebook as library
from newcourse.documents import (
    Document,
    Hunk,
    Line,
    Run,
    changed_runs,
    diff_documents,
    parse_document,
    unified_diff,
)
from newcourse.organisation.models import Body
from newcourse.record.models import RecordEntry
from newcourse.refusals import NoRulebook

from .catalogue import description
from .models import RuleChange, RuleChangeStatus, RulesVersion


@dataclass(frozen=True)
class Rules:
    """The parameters that govern one body's acts, and the versions they come from."""

    body: Body
    rulebook_version: int
    standing_orders_version: int | None
    values: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def term_months(self, kind: str) -> int:
        """How long a term of an office of `kind` (post, committee, delegation, tellers) runs."""
        months: int = self.values[f"term.months.{kind}"]
        return months

    def term_limit(self, kind: str) -> int | None:
        """How many consecutive terms in an office of `kind` one member may serve (None: no
        limit)."""
        limit: int | None = self.values[f"term.limit.{kind}"]
        return limit

    @property
    def recall_threshold(self) -> Fraction:
        threshold: Fraction = self.values["recall.threshold"]
        return threshold

    def days(self, name: str) -> datetime.timedelta:
        return datetime.timedelta(days=self.values[name])

    def recorded(self) -> dict[str, int | None]:
        """The versions, as an act records them (and `rules_recorded` reads them back)."""
        return {
            "rulebook_version": self.rulebook_version,
            "standing_orders_version": self.standing_orders_version,
        }

    def written(self, name: str) -> str:
        """A parameter as the rules write it ("20%", "2/3", "none")."""
        return library.format_value(library.CATALOGUE[name].kind, self.values[name])


def top_of(body: Body) -> Body:
    """The organisation's top body, whose rules are the rulebook."""
    if body.parent_id is None:
        return body
    return Body.objects.get(pk=int(body.path.strip("/").split("/")[0]))


@functools.lru_cache(maxsize=32)
def parsed_rulebook(text: str) -> library.Rulebook:
    """A stored rulebook text, parsed (once per text: versions never change)."""
    return library.parse_rulebook(text)


@functools.lru_cache(maxsize=256)
def parsed_standing_orders(text: str, rulebook_text: str) -> library.StandingOrders:
    """A body's standing orders as the rulebook in force still allows them: a setting a later
    rulebook no longer allows gives way to the rulebook's (see its `set_aside`), so narrowing
    the rulebook never leaves a body without rules."""
    return library.standing_orders_in_force(text, parsed_rulebook(rulebook_text))


def version_in_force(body: Body, on: datetime.date) -> RulesVersion | None:
    """The latest version of `body`'s own rules in force on `on`."""
    return RulesVersion.objects.filter(body=body, effective_on__lte=on).order_by("-number").first()


def no_rulebook(top: Body) -> NoRulebook:
    return NoRulebook(
        _(
            "%(body)s has no rulebook yet, and this needs a number from it. The operator founds "
            "it with `newcourse rules found --body %(slug)s --model MODEL`."
        )
        % {"body": top, "slug": top.slug}
    )


def rules_for(body: Body, on: datetime.date | None = None) -> Rules:
    """The rules governing `body`'s acts on `on` (default today): raises `NoRulebook` when the
    organisation has none in force that day.

    A query for the rulebook's version in force and one for the body's standing orders; the
    texts are parsed once each (every election, nomination and recall asks this)."""
    on = on or timezone.localdate()
    top_pk = int(body.path.strip("/").split("/")[0]) if body.path else body.pk
    rulebook = _in_force_row(top_pk, on)
    if rulebook is None:
        raise no_rulebook(top_of(body))
    rulebook_number, rulebook_text = rulebook
    orders = _in_force_row(body.pk, on) if body.pk != top_pk else None
    return Rules(
        body=body,
        rulebook_version=rulebook_number,
        standing_orders_version=orders[0] if orders else None,
        values=values_in_force(rulebook_text, orders[1] if orders else None),
    )


def _in_force_row(body_pk: int, on: datetime.date) -> tuple[int, str] | None:
    row: tuple[int, str] | None = (
        RulesVersion.objects.filter(body_id=body_pk, effective_on__lte=on)
        .order_by("-number")
        .values_list("number", "text")
        .first()
    )
    return row


def rules_recorded(
    body: Body, *, rulebook_version: int | None, standing_orders_version: int | None
) -> Rules:
    """The rules an act under way started with, from the versions it recorded. An act recorded
    before the rulebook existed (None) reads today's rules."""
    if rulebook_version is None:
        return rules_for(body)
    top = top_of(body)
    rulebook = RulesVersion.objects.filter(body=top, number=rulebook_version).first()
    if rulebook is None:
        raise no_rulebook(top)
    orders = None
    if standing_orders_version is not None and body.pk != top.pk:
        orders = RulesVersion.objects.filter(body=body, number=standing_orders_version).first()
    return _rules(body, rulebook, orders)


def _rules(body: Body, rulebook: RulesVersion, orders: RulesVersion | None) -> Rules:
    return Rules(
        body=body,
        rulebook_version=rulebook.number,
        standing_orders_version=orders.number if orders else None,
        values=values_in_force(rulebook.text, orders.text if orders else None),
    )


@functools.lru_cache(maxsize=256)
def values_in_force(rulebook_text: str, orders_text: str | None) -> Mapping[str, Any]:
    """Every parameter's value: the standing orders' where they set it, else the rulebook's
    (read-only, as it is shared by every lookup of the same versions)."""
    standing = parsed_standing_orders(orders_text, rulebook_text) if orders_text else None
    return MappingProxyType(library.in_force(parsed_rulebook(rulebook_text), standing))


def versions_of(body: Body) -> list[RulesVersion]:
    """Every version of `body`'s own rules, oldest first."""
    return list(RulesVersion.objects.filter(body=body).order_by("number"))


def latest_version(body: Body) -> RulesVersion | None:
    """The newest adopted version of `body`'s rules, in force or waiting for its date."""
    return RulesVersion.objects.filter(body=body).order_by("-number").first()


def version_of(body: Body, number: int) -> RulesVersion | None:
    return RulesVersion.objects.filter(body=body, number=number).first()


def rule_changes_of(body: Body) -> list[RuleChange]:
    return list(RuleChange.objects.filter(body=body).select_related("proposed_by__person"))


def rule_changes_open() -> list[RuleChange]:
    """Rule changes not yet decided, in the order their votes open."""
    return list(
        RuleChange.objects.filter(
            status__in=[RuleChangeStatus.PROPOSED, RuleChangeStatus.VOTING]
        ).order_by("voting_opens_at", "pk")
    )


def record_entry_of(change: RuleChange, action: str) -> RecordEntry | None:
    """The record's entry of `action` ("rules.change_proposed"...) about a rule change."""
    entry: RecordEntry | None = (
        RecordEntry.objects.filter(action=action, subject=f"rules:{change.body.slug}")
        .filter(payload__rule_change=change.pk)
        .first()
    )
    return entry


def why_not_applied(change: RuleChange) -> str:
    """Why a carried change was not applied, as the record says."""
    entry = record_entry_of(change, "rules.change_not_applied")
    return str(entry.payload.get("reason", "")) if entry else ""


def status_implied(change: RuleChange, now: datetime.datetime | None = None) -> str:
    """The status the timetable implies now, for pages: the scheduler moves the stored one
    within a tick."""
    now = now or timezone.now()
    if change.status not in (RuleChangeStatus.PROPOSED, RuleChangeStatus.VOTING):
        return change.status
    if now >= change.voting_closes_at:
        return "counting"
    if now >= change.voting_opens_at:
        return RuleChangeStatus.VOTING
    return RuleChangeStatus.PROPOSED


def rule_changes_all() -> list[RuleChange]:
    return list(RuleChange.objects.select_related("body").order_by("-proposed_at"))


def document_of(version: RulesVersion) -> Document:
    return parsed_document(version.text)


@functools.lru_cache(maxsize=64)
def parsed_document(text: str) -> Document:
    return parse_document(text)


def numbered_lines(version: RulesVersion) -> tuple[Line, ...]:
    """The version's text as numbered lines, as people cite it ("rule 7.1, line 212")."""
    return document_of(version).lines()


@dataclass(frozen=True)
class Comparison:
    """Two versions of a body's rules: the parameters that changed and the text, line by line."""

    old: RulesVersion
    new: RulesVersion
    parameters: tuple[library.ParameterChange, ...]
    hunks: tuple[Hunk, ...]
    text: str

    def as_json(self) -> dict[str, Any]:
        return {
            "body": self.old.body.slug,
            "old": self.old.number,
            "new": self.new.number,
            "parameters": [
                {"name": change.name, "old": change.old, "new": change.new}
                for change in self.parameters
            ],
            "hunks": [
                {
                    "old_start": hunk.old_start,
                    "old_lines": list(hunk.old_lines),
                    "new_start": hunk.new_start,
                    "new_lines": list(hunk.new_lines),
                }
                for hunk in self.hunks
            ],
        }


def _parameter_changes(old: RulesVersion, new: RulesVersion) -> tuple[library.ParameterChange, ...]:
    if old.is_rulebook:
        return library.parameter_changes(parsed_rulebook(old.text), parsed_rulebook(new.text))
    # Standing orders are compared by what each version sealed: their limits came from the
    # rulebook of their day, which may have changed since.
    names = sorted(set(old.parameters) | set(new.parameters))
    return tuple(
        library.ParameterChange(name, _shown(old.parameters, name), _shown(new.parameters, name))
        for name in names
        if old.parameters.get(name) != new.parameters.get(name)
    )


def _shown(parameters: Mapping[str, Any], name: str) -> str | None:
    if name not in parameters:
        return None
    value = parameters[name]
    return "none" if value is None else str(value)


def versions_compared(old: RulesVersion, new: RulesVersion) -> Comparison:
    old_document, new_document = document_of(old), document_of(new)
    return Comparison(
        old=old,
        new=new,
        parameters=_parameter_changes(old, new),
        hunks=diff_documents(old_document, new_document),
        text=unified_diff(
            old_document,
            new_document,
            old_label=_("version %(n)s") % {"n": old.number},
            new_label=_("version %(n)s") % {"n": new.number},
        ),
    )


def settable_by_bodies(top: Body, on: datetime.date | None = None) -> list[library.Setting]:
    """The rulebook's parameters a body's standing orders may set (those with limits)."""
    version = version_in_force(top, on or timezone.localdate())
    if version is None:
        raise no_rulebook(top)
    parsed = parsed_rulebook(version.text)
    return [setting for setting in parsed.settings.values() if setting.limits is not None]


def standing_orders_starter(body: Body) -> str:
    """A first text of standing orders for `body`, for its officers to edit: one clause per
    parameter the rulebook lets a body set, at the rulebook's value."""
    top = top_of(body)
    lines = [
        "# " + _("Standing orders of %(body)s") % {"body": body.name},
        "",
        "## 1. " + _("What these standing orders set"),
        "",
    ]
    for number, setting in enumerate(settable_by_bodies(top), start=1):
        kind = library.CATALOGUE[setting.name].kind
        value = library.format_value(kind, setting.value)
        lines += [f"1.{number} {description(setting.name)}: {{{setting.name} = {value}}}.", ""]
    return "\n".join(lines)


def text_compared(old: RulesVersion | None, new_text: str) -> Comparison | None:
    """A proposed text against the version it amends (None for a body's first standing
    orders, which amend nothing)."""
    if old is None:
        return None
    proposed = RulesVersion(
        body=old.body, number=0, text=new_text, parameters=_parameters_of(old, new_text)
    )
    return versions_compared(old, proposed)


def _parameters_of(old: RulesVersion, text: str) -> dict[str, Any]:
    if old.is_rulebook:
        return parsed_rulebook(text).json_parameters()
    top = top_of(old.body)
    rulebook = latest_version(top)
    if rulebook is None:
        raise no_rulebook(top)
    return parsed_standing_orders(text, rulebook.text).json_parameters()


@dataclass(frozen=True)
class TextLine:
    number: int
    kind: str
    clause: str | None
    runs: tuple[Run, ...]


def text_lines(document: Document) -> list[TextLine]:
    """The numbered lines as the pages show them (`rules/_text.html`, for a rulebook, standing
    orders or a motion): each knowing whether it is a title, heading or paragraph, its clause
    and its runs (to mark the parameters)."""
    return [
        TextLine(
            line.number,
            document.blocks[line.block].kind,
            document.blocks[line.block].clause,
            line.runs,
        )
        for line in document.lines()
    ]


@dataclass(frozen=True)
class LinesChanged:
    """Numbered lines ``first`` to ``last`` of a version read as ``version`` wrote them."""

    first: int
    last: int
    version: RulesVersion


def lines_changed(version: RulesVersion) -> list[LinesChanged]:
    """The lines of ``version`` that a later version than the body's first wrote, in runs,
    each with the version (and so the decision: a rule change, or conference) that last
    changed it; lines unchanged since the first version are left out."""
    versions = list(
        RulesVersion.objects.filter(body=version.body, number__lte=version.number).order_by(
            "number"
        )
    )
    runs = changed_runs([document_of(each) for each in versions])
    return [LinesChanged(first, last, versions[origin]) for first, last, origin in runs]
