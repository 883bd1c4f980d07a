"""What a count returns: every stage, every decision, in a form a returning officer recognises.

Figures are integers in units of 10**-precision (Scottish STV counts in hundred-thousandths, so
`precision=5` and 123.45678 votes is stored as 12345678). Integers keep the report exact and
let the text, CSV and JSON renderings print the same decimal strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ActionType = Literal["first", "surplus", "exclusion", "elimination"]


@dataclass(frozen=True, slots=True)
class TieBreak:
    """A tie the count had to settle, and by which rule (`"previous-stage"`, `"lot"`, ...)."""

    stage: int
    between: tuple[int, ...]
    chosen: int
    rule: str
    purpose: str  # "exclusion", "surplus", "election"


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of a count: its action and the totals at its end."""

    number: int
    action: ActionType
    action_candidates: tuple[int, ...]
    votes: tuple[int | None, ...]  # per candidate, None once excluded or withdrawn
    non_transferable: int
    elected: tuple[int, ...] = ()
    excluded: tuple[int, ...] = ()
    note: str = ""


@dataclass(slots=True)
class Report:
    """The result of a count: who was elected, and how."""

    method: str
    candidates: tuple[str, ...]
    seats: int
    precision: int
    elected: list[int] = field(default_factory=list)
    excluded: list[int] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    tie_breaks: list[TieBreak] = field(default_factory=list)
    quota: int | None = None
    seed: str | None = None
    # How the seed was fixed: "ballots" (default_seed), "ballots+board" (default_seed with the
    # board's final hash), or None when the caller stated it.
    seed_from: str | None = None
    title: str = ""
    # Method-specific material (a pairwise matrix, a motion's majority) for the JSON report.
    details: dict[str, Any] = field(default_factory=dict)
