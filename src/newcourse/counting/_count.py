"""The dispatcher: one entry point for every counting method, by its CLI name."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from typing import Any

from ._errors import CountingError, ElectionError
from ._methods import METHOD_NAMES
from ._methods import METHOD_TABLE as _TABLE
from ._model import Election, check_election
from ._prep import Progress, default_seed
from ._report import Report

CountFunction = Callable[..., Report]


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

MAX_CANDIDATES_RANKED = 200
"""The most candidates a ranked or Condorcet count takes. The STV methods and IRV run a stage
per exclusion, each walking the ballots, and Condorcet compares every pair (Schulze's strongest
paths are cubic): measured in benchmarks/counting_limits.py, 200 candidates count in a few
seconds, 1,000 in minutes, and 10,000 would run for hours and take gigabytes. No body elects
among more than a few dozen, so the limit is refused before counting, with a message."""

MAX_CANDIDATES_MARKED = 10_000
"""The most candidates a plurality or approval count takes: those counts are one pass over the
ballots, linear in the candidates, so 10,000 count in well under a second."""

_MARKED = frozenset({"plurality", "block-plurality", "approval"})


def candidate_limit(method: str) -> int:
    """The most candidates `method` counts (see MAX_CANDIDATES_RANKED and _MARKED)."""
    return MAX_CANDIDATES_MARKED if method in _MARKED else MAX_CANDIDATES_RANKED


def count(
    election: Election,
    method: str,
    *,
    seats: int | None = None,
    seed: str | None = None,
    board_head: str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Count `election` by `method` (a name in `METHODS`) and return the report.

    `seats` overrides the election's own number of seats. `seed` is the seed for any lot;
    without one, it is derived from a hash of the ballots (and of `board_head`, the final hash
    of a verifiable election's board, when given), so that any two counts of the same ballots
    agree and nobody can choose it before the box closes; it is printed in the report.
    """
    if method not in _TABLE:
        raise CountingError(f"unknown method {method!r}; choose one of: {', '.join(METHOD_NAMES)}")
    limit = candidate_limit(method)
    if len(election.candidates) > limit:
        raise ElectionError(
            f"{method}: {len(election.candidates)} candidates, more than the {limit} this "
            "method counts in bounded time and memory"
        )
    if seats is not None and seats != election.seats:
        check_election(election, seats=seats, method=method)
        election = dataclasses.replace(election, seats=seats)
    seed_from = None
    if seed is None:
        seed = default_seed(election, board_head=board_head)
        seed_from = "ballots" if board_head is None else "ballots+board"
    elif board_head is not None:
        raise CountingError("give a seed or a board head, not both")
    func = METHODS[method]
    if _TABLE[method][2] and progress is not None:
        report = func(election, seed=seed, progress=progress)
    else:
        report = func(election, seed=seed)
    if report.seed is None or report.seed == seed:
        report.seed, report.seed_from = seed, seed_from
    return report
