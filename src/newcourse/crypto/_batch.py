"""The shuffle's linear work on raw encodings: re-encrypting rows of ciphertexts and summing
weighted columns, in loops that touch only bytes, split across processes when asked.

A shuffle of N ballots of width w makes about 4·w·N group products to prove (a quarter of
them fixed-base) and 4·w·N to check: for 10,000 ballots of 20 ranks, 800,000 each way. At
~60 µs a product in libsodium, that work is nearly all of the time. So this module keeps it
out of the `Point` and `Scalar` objects (no object per intermediate value), skips rbcl's
recheck of points known to be valid, and hands equal slices of rows to worker processes: the
work is the same product and sum on every row, so it splits without coordination, and
partial sums add up in any order.

A row is the flat list [α_1, β_1, …, α_w, β_w] of one ballot's 32-byte encodings. Every point
that reaches this module has been checked (decoded through `Point`, or made by libsodium).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool
from typing import Any, TypeVar

from . import _sodium

Row = list[bytes]
"""One ballot's ciphertexts as [α_1, β_1, …, α_w, β_w] (32-byte encodings)."""

_T = TypeVar("_T")

_MIN_ROWS_PER_WORKER = 64
"""Below this many rows a worker costs more to start and feed than it saves."""


def reencrypt_rows(
    key: bytes, rows: Sequence[Row], randomness: Sequence[Sequence[bytes]]
) -> list[Row]:
    """Each row's k-th ciphertext (α, β) becomes (α + r·B, β + r·K), r = its randomness[k]."""
    mul = _sodium.scalarmult_checked_point
    base = _sodium.scalarmult_base
    add = _sodium.add
    out: list[Row] = []
    for row, draws in zip(rows, randomness, strict=True):
        fresh: Row = []
        for k, r in enumerate(draws):
            fresh.append(add(row[2 * k], base(r)))
            fresh.append(add(row[2 * k + 1], mul(r, key)))
        out.append(fresh)
    return out


def column_sums(rows: Sequence[Row], weights: Sequence[bytes]) -> Row:
    """[Σ_i weights[i]·rows[i][k] for each column k]; [] for no rows."""
    mul = _sodium.scalarmult_checked_point
    add = _sodium.add
    sums: Row = []
    for row, weight in zip(rows, weights, strict=True):
        if not sums:
            sums = [mul(weight, point) for point in row]
            continue
        sums = [add(total, mul(weight, point)) for total, point in zip(sums, row, strict=True)]
    return sums


def base_plus_products(
    base_scalars: Sequence[bytes], points: Sequence[bytes], scalars: Sequence[bytes]
) -> Row:
    """[a_i·B + b_i·P_i for each i]: the prover's t̂_i."""
    mul = _sodium.scalarmult_checked_point
    base = _sodium.scalarmult_base
    return [
        _sodium.add(base(a), mul(b, point))
        for a, point, b in zip(base_scalars, points, scalars, strict=True)
    ]


def chain_terms(
    minus_c: bytes,
    befores: Sequence[bytes],
    chain: Sequence[bytes],
    s_hat: Sequence[bytes],
    s_prime: Sequence[bytes],
) -> Row:
    """[ŝ_i·B + s'_i·ĉ_(i−1) + (−c)·ĉ_i for each i]: the shuffle proof's recomputed t̂_i."""
    mul = _sodium.scalarmult_checked_point
    base = _sodium.scalarmult_base
    add = _sodium.add
    return [
        add(add(base(a), mul(b, before)), mul(minus_c, link))
        for before, link, a, b in zip(befores, chain, s_hat, s_prime, strict=True)
    ]


def add_columns(parts: Sequence[Row]) -> Row:
    """Column by column, the sum of partial results (empty parts skipped)."""
    total: Row = []
    for part in parts:
        if not part:
            continue
        total = part if not total else [_sodium.add(a, b) for a, b in zip(total, part, strict=True)]
    return total


def start_method() -> str | None:
    """A fresh process for each worker (forkserver where there is one, else the platform's
    default), never a fork of this one: forking copies every lock as it is, and one held by
    another thread (a server's live updates, a database driver's) leaves the worker waiting on
    it for ever. Starting costs the workers an import, well under a second."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None


def _slices(count: int, jobs: int) -> list[slice]:
    workers = max(1, min(jobs, count // _MIN_ROWS_PER_WORKER))
    # Several slices per worker, so a worker slowed by a busy core does not hold up the rest.
    pieces = workers if workers == 1 else workers * 4
    step = max(1, -(-count // pieces))
    return [slice(start, min(count, start + step)) for start in range(0, count, step)]


@dataclass(frozen=True, slots=True)
class Workers:
    """Where `in_slices` runs its work: `jobs` processes of `pool`, or here (pool None)."""

    pool: Pool | None
    jobs: int


HERE = Workers(None, 1)
"""No worker processes: everything in this process."""


@contextmanager
def workers(jobs: int, rows: int) -> Iterator[Workers]:
    """Up to `jobs` fresh worker processes for `in_slices` over `rows` rows: as many as the
    rows keep busy, and HERE (no process started) when that is one."""
    jobs = min(jobs, rows // _MIN_ROWS_PER_WORKER)
    if jobs <= 1:
        yield HERE
        return
    with multiprocessing.get_context(start_method()).Pool(jobs) as pool:
        yield Workers(pool, jobs)


def in_slices(
    where: Workers,
    work: Callable[..., _T],
    count: int,
    *columns: Sequence[Any],
    shared: tuple[Any, ...] = (),
) -> list[_T]:
    """`work(*shared, column_0[s], column_1[s], …)` for consecutive slices s of range(count),
    results in order: in the worker processes if there are some and the work is big enough
    to gain from them, else here. `work` must be a module-level function (workers import it)."""
    slices = _slices(count, where.jobs)
    calls = [(*shared, *(column[s] for column in columns)) for s in slices]
    if where.pool is None or len(calls) <= 1:
        return [work(*call) for call in calls]
    return where.pool.starmap(work, calls)
