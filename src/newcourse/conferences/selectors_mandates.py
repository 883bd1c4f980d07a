"""What a unit's delegation is told to do: whether the rulebook makes delegates free or
mandated (`delegates.mandate`, read from the rulebook version the conference fixed its
entitlement under, as its other rules are), the items going forward an instruction can be on,
and each unit's standing instructions with those they replaced.

Kept apart from `selectors` (the conference's other reads), which this module builds on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.rules.selectors import (
    parsed_rulebook,
    rules_for,
    rules_recorded,
    top_of,
    version_of,
)

from . import selectors
from .models import Amendment, Composite, Conference, Delegation, Instruction, Motion

PARAMETER = "delegates.mandate"
MANDATED = "mandated"


@dataclass(frozen=True)
class Mandate:
    """Whether the conference's delegates carry their body's instructions, and the rule that
    says so: its rulebook version and clause. `fixed`: read from the version the entitlement
    was fixed under (before the freeze, from the rulebook in force today)."""

    mandated: bool
    rulebook_version: int
    clause: str | None
    fixed: bool

    @property
    def written(self) -> str:
        """As the rulebook writes it: "free" or "mandated"."""
        return MANDATED if self.mandated else "free"


def mandate_of(conference: Conference, today: datetime.date | None = None) -> Mandate:
    if conference.rulebook_version is not None:
        rules = rules_recorded(
            conference.body,
            rulebook_version=conference.rulebook_version,
            standing_orders_version=None,
        )
    else:
        rules = rules_for(conference.body, today or timezone.localdate())
    version = version_of(top_of(conference.body), rules.rulebook_version)
    clause = parsed_rulebook(version.text).settings[PARAMETER].clause if version else None
    return Mandate(
        mandated=rules[PARAMETER] == MANDATED,
        rulebook_version=rules.rulebook_version,
        clause=clause,
        fixed=conference.rulebook_version is not None,
    )


@dataclass(frozen=True)
class ForwardItem:
    """A motion, an amendment or a composite going forward to the conference's floor, named as
    `selectors.going_forward` names it ("motion:ID", "amendment:ID", "composite:ID")."""

    key: str
    title: str
    motion: Motion | None = None
    amendment: Amendment | None = None
    composite: Composite | None = None

    @property
    def item(self) -> Motion | Amendment | Composite:
        return self.motion or self.amendment or self.composite  # type: ignore[return-value]

    def chosen(self) -> dict[str, Any]:
        """The item as the service takes it (`motion=...`, `amendment=...` or
        `composite=...`)."""
        kind = self.key.partition(":")[0]
        return {kind: self.item}


def items_going_forward(conference: Conference) -> list[ForwardItem]:
    """What the delegates will vote on: each motion going forward followed by its amendments
    the committee has not kept from the floor, then each agreed composite going forward."""
    forward = selectors.going_forward(conference)
    ids: dict[str, list[int]] = {"motion": [], "composite": []}
    for key in forward:
        kind, _colon, pk = key.partition(":")
        ids[kind].append(int(pk))
    motions = Motion.objects.filter(conference=conference, pk__in=ids["motion"]).in_bulk()
    composites = Composite.objects.filter(conference=conference, pk__in=ids["composite"]).in_bulk()
    items = []
    for key, title in forward.items():
        kind, _colon, pk = key.partition(":")
        if kind == "composite":
            items.append(ForwardItem(key, title, composite=composites[int(pk)]))
            continue
        motion = motions[int(pk)]
        items.append(ForwardItem(key, title, motion=motion))
        for amendment in selectors.amendments_of(motion, texts=False):
            if not selectors.kept_from_the_floor(amendment):
                items.append(
                    ForwardItem(
                        f"amendment:{amendment.pk}",
                        _("Amendment %(number)s") % {"number": str(amendment)},
                        amendment=amendment,
                    )
                )
    return items


def delegation_of(conference: Conference, slug: str) -> Delegation | None:
    """The delegation `slug`'s unit sends to `conference` (None: it sends none)."""
    delegation: Delegation | None = (
        Delegation.objects.select_related("unit", "office", "conference__body")
        .filter(conference=conference, unit__slug=slug)
        .first()
    )
    return delegation


@dataclass(frozen=True)
class InstructedItem:
    """An item going forward with the unit's standing instruction on it (None: none given),
    and the instructions that one replaced, latest first."""

    item: ForwardItem
    instruction: Instruction | None
    earlier: list[Instruction] = field(default_factory=list)


def instructions_of(delegation: Delegation) -> list[Instruction]:
    """Every instruction the unit gave its delegation, standing or replaced, in the order
    given."""
    return list(
        Instruction.objects.filter(delegation=delegation).select_related(
            "given_by__person", "motion", "amendment__motion", "composite"
        )
    )


def instructions_shown(
    delegation: Delegation, items: list[ForwardItem] | None = None
) -> list[InstructedItem]:
    """Each item going forward with the unit's instruction on it and the ones it replaced (one
    query for the instructions, whatever the number of items)."""
    if items is None:
        items = items_going_forward(delegation.conference)
    by_key: dict[str, list[Instruction]] = {}
    for instruction in instructions_of(delegation):
        by_key.setdefault(instruction.item_key, []).append(instruction)
    shown = []
    for item in items:
        given = list(reversed(by_key.get(item.key, [])))
        standing = next((i for i in given if i.replaced_at is None), None)
        shown.append(
            InstructedItem(item, standing, [i for i in given if i.replaced_at is not None])
        )
    return shown
