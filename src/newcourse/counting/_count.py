"""The dispatcher: one entry point for every counting method, by its CLI name."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from typing import Any

from ._errors import CountingError
from ._model import Election, check_election
from ._prep import Progress, default_seed
from ._report import Report

CountFunction = Callable[..., Report]

# CLI name -> (module, function, whether it takes a `progress` callback)
_TABLE: dict[str, tuple[str, str, bool]] = {
    "scottish-stv": ("._scottish", "count_scottish_stv", True),
    "meek": ("._meek", "count_meek", True),
    "ers97": ("._ers97", "count_ers97", True),
    "irv": ("._irv", "count_irv", True),
    "plurality": ("._plurality", "count_plurality", False),
    "block-plurality": ("._plurality", "count_block_plurality", False),
    "approval": ("._plurality", "count_approval", False),
    "schulze": ("._condorcet", "count_schulze", False),
    "ranked-pairs": ("._condorcet", "count_ranked_pairs", False),
    "motion": ("._motion", "count_motion", False),
}


def _load(name: str) -> CountFunction:
    module_name, func_name, _ = _TABLE[name]
    try:
        module = importlib.import_module(module_name, __package__)
        func: CountFunction = getattr(module, func_name)
    except (ImportError, AttributeError) as e:
        raise CountingError(
            f"method {name!r} is not available: {func_name} could not be imported from "
            f"newcourse.counting.{module_name[1:]} ({e})"
        ) from e
    return func


class _Methods(dict[str, CountFunction]):
    """Method name -> count function, imported when first looked up."""

    def __missing__(self, key: str) -> CountFunction:
        if key not in _TABLE:
            raise KeyError(key)
        func = _load(key)
        self[key] = func
        return func

    def __contains__(self, key: object) -> bool:
        return key in _TABLE

    def __iter__(self) -> Any:
        return iter(_TABLE)

    def __len__(self) -> int:
        return len(_TABLE)

    def keys(self) -> Any:
        return _TABLE.keys()

    def items(self) -> Any:
        return [(k, self[k]) for k in _TABLE]

    def values(self) -> Any:
        return [self[k] for k in _TABLE]


METHODS: dict[str, CountFunction] = _Methods()
"""Every method by its CLI name, mapped to its count function (imported on first use)."""

METHOD_NAMES: tuple[str, ...] = tuple(_TABLE)


def count(
    election: Election,
    method: str,
    *,
    seats: int | None = None,
    seed: str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Count `election` by `method` (a name in `METHODS`) and return the report.

    `seats` overrides the election's own number of seats. `seed` is the seed for any lot;
    without one, a seed is derived from a hash of the ballots (so any two counts of the same
    ballots agree) and printed in the report.
    """
    if method not in _TABLE:
        raise CountingError(f"unknown method {method!r}; choose one of: {', '.join(METHOD_NAMES)}")
    if seats is not None and seats != election.seats:
        check_election(election, seats=seats, method=method)
        election = dataclasses.replace(election, seats=seats)
    if seed is None:
        seed = default_seed(election)
    func = METHODS[method]
    if _TABLE[method][2] and progress is not None:
        report = func(election, seed=seed, progress=progress)
    else:
        report = func(election, seed=seed)
    if report.seed is None:
        report.seed = seed
    return report
