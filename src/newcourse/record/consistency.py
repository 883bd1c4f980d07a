"""Rows the open record vouches for, checked against it by `newcourse record verify`.

The chain proves that the record was not rewritten; some apps also keep rows whose content the
record fixes (the rulebook's text and parameters, by their hash). An operator who edits such a
row leaves it out of step with the record, and each app knows how to see that. The apps sit
above the record, so each registers its check here when Django starts (as the offices app
tells the organisation who its officers are).
"""

from __future__ import annotations

from collections.abc import Callable

# A check returns one sentence per row that no longer matches what the record says of it.
ConsistencyCheck = Callable[[], list[str]]

_checks: list[ConsistencyCheck] = []


def consistency_check_register(check: ConsistencyCheck) -> None:
    """Called by an app's `ready()`; registering the same check twice keeps one."""
    if check not in _checks:
        _checks.append(check)


def consistency_problems() -> list[str]:
    """Every registered check's findings, in registration order."""
    return [problem for check in _checks for problem in check()]
