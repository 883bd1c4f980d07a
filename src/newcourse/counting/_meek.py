"""Meek STV as New Zealand counts it: Local Electoral Regulations 2001, schedule 1A
("New Zealand method of counting single transferable votes"), following Hill, Wichmann and
Woodall's Algorithm 123.

Figures are integers in units of 10**-9 (`precision=9`), the schedule's nine decimal places.

- Every candidate has a keep value: 1 while hopeful, 0 once excluded, and below 1 once
  successful. Each paper is shared out from its first preference on: each candidate in turn
  keeps the paper's remaining value times their keep value (rounded up to 9 decimal places),
  and passes the rest on; what is left when the preferences run out is non-transferable.
- The quota is (valid votes - non-transferable votes) / (vacancies + 1), truncated to 9
  decimal places, plus 0.000000001; it is recalculated with every sharing-out.
- A hopeful candidate with a quota or more becomes successful. A successful candidate's keep
  value is then repeatedly multiplied by quota / votes (rounded up to 9 decimal places) and the
  papers shared out again, until the successful candidates' total surplus is below 0.0001, or
  a hopeful candidate reaches the quota, or the keep values stop changing.
- Then, if no one new is successful, the hopeful candidate with the fewest votes is excluded
  (keep value 0) and the iteration runs again. Ties are broken by the schedule's "ahead at
  first difference" rule (the candidate with fewer votes at the first stage at which the
  tied candidates differed), then by lot drawn from the stated seed (the schedule's own
  pseudo-random generator is not reproduced).
- Counting ends when the successful candidates fill the vacancies, or when successful and
  hopeful candidates together are no more than the vacancies (the hopefuls are elected).

Each reported stage is one completed iteration: the first preferences, the distribution of
surpluses to convergence, or one exclusion and the redistribution that follows.
"""

from __future__ import annotations

from ._errors import ElectionError
from ._lot import Lot
from ._model import Election
from ._prep import Progress, start_count
from ._report import ActionType, Report, Stage, TieBreak

PRECISION = 9
UNIT = 10**PRECISION
SURPLUS_LIMIT = UNIT // 10_000  # 0.0001
MAX_ITERATIONS = 100_000

HOPEFUL, ELECTED, EXCLUDED = 0, 1, 2


def count_meek(
    election: Election,
    *,
    seed: str | None = None,
    progress: Progress | None = None,
    method: str = "meek",
) -> Report:
    """Count `election` by Meek STV (New Zealand rules) and return the report."""
    seats, pats, lot, report = start_count(election, method=method, precision=PRECISION, seed=seed)
    names = election.candidates
    n = len(names)
    rankings, weights, groups = pats.rankings, pats.weights, pats.groups
    withdrawn = election.withdrawn
    status = [EXCLUDED if c in withdrawn else HOPEFUL for c in range(n)]
    keep = [0 if c in withdrawn else UNIT for c in range(n)]

    # A paper without a clear first preference is invalid (as for the other STV methods).
    valid = 0
    invalid = 0
    for r, w in zip(rankings, weights, strict=True):
        first = _first(r, status, groups)
        if first < 0:
            invalid += w
        else:
            valid += w
    if valid == 0:
        raise ElectionError(f"{method}: no ballot gives a first preference to a candidate")
    report.details = {"valid_ballots": valid, "invalid_ballots": invalid}
    usable = [
        (r, w) for r, w in zip(rankings, weights, strict=True) if _first(r, status, groups) >= 0
    ]
    total: int = valid * UNIT

    def share_out() -> tuple[list[int], int]:
        votes = [0] * n
        lost = 0
        for r, w in usable:
            rem = UNIT
            for x in r:
                if x >= 0:
                    c = x
                else:
                    live = [y for y in groups[~x] if status[y] != EXCLUDED]
                    if not live:
                        continue
                    if len(live) > 1:
                        break  # an equal ranking of two live candidates: the paper stops
                    c = live[0]
                k = keep[c]
                if k == 0:
                    continue
                if k == UNIT:
                    votes[c] += w * rem
                    rem = 0
                    break
                amount = -(-rem * k // UNIT)
                votes[c] += w * amount
                rem -= amount
                if rem == 0:
                    break
            lost += w * rem
        return votes, lost

    def quota_for(lost: int) -> int:
        return (total - lost) // (seats + 1) + 1

    history: list[list[int | None]] = []
    votes, lost = share_out()
    quota = quota_for(lost)

    def elect_new(number: int) -> list[int]:
        newly: list[int] = []
        over = [c for c in range(n) if status[c] == HOPEFUL and votes[c] >= quota]
        over.sort(key=lambda c: (-votes[c], c))
        for c in over:
            if sum(1 for s in status if s == ELECTED) >= seats:
                break
            status[c] = ELECTED
            newly.append(c)
        hopeful = [c for c in range(n) if status[c] == HOPEFUL]
        elected_count = sum(1 for s in status if s == ELECTED)
        if hopeful and elected_count + len(hopeful) <= seats:
            for c in sorted(hopeful, key=lambda c: (-votes[c], c)):
                status[c] = ELECTED
                newly.append(c)
        return newly

    def close(
        action: ActionType, who: tuple[int, ...], just_out: tuple[int, ...], note: str
    ) -> None:
        number = len(history) + 1
        row: list[int | None] = [
            None if status[c] == EXCLUDED and c not in just_out else votes[c] for c in range(n)
        ]
        history.append(row)
        newly = elect_new(number)
        report.elected.extend(newly)
        report.stages.append(
            Stage(
                number=number,
                action=action,
                action_candidates=who,
                votes=tuple(row),
                non_transferable=lost,
                elected=tuple(newly),
                excluded=just_out,
                note=f"quota {_fig(quota)}" + (f"; {note}" if note else ""),
            )
        )
        if progress is not None:
            done = sum(1 for s in status if s != HOPEFUL) - len(withdrawn)
            progress("counting", min(1.0, done / max(1, n - len(withdrawn))))

    close("first", (), (), "")

    def iterate() -> int:
        """Share out again until the surpluses converge; returns the iterations run."""
        nonlocal votes, lost, quota
        for it in range(1, MAX_ITERATIONS + 1):
            if any(status[c] == HOPEFUL and votes[c] >= quota for c in range(n)):
                return it - 1
            surplus = sum(
                votes[c] - quota for c in range(n) if status[c] == ELECTED and votes[c] > quota
            )
            if surplus < SURPLUS_LIMIT:
                return it - 1
            changed = False
            for c in range(n):
                if status[c] == ELECTED and votes[c] > 0:
                    new = -(-keep[c] * quota // votes[c])
                    if new < keep[c]:
                        keep[c] = new
                        changed = True
            if not changed:
                return it - 1
            votes, lost = share_out()
            quota = quota_for(lost)
        return MAX_ITERATIONS

    while sum(1 for s in status if s == ELECTED) < seats:
        surplus = sum(
            votes[c] - quota for c in range(n) if status[c] == ELECTED and votes[c] > quota
        )
        if surplus >= SURPLUS_LIMIT:
            who = tuple(c for c in range(n) if status[c] == ELECTED and votes[c] > quota)
            rounds = iterate()
            if rounds > 0:
                close("surplus", who, (), f"{rounds} iteration{'s' if rounds != 1 else ''}")
                continue
        hopeful = [c for c in range(n) if status[c] == HOPEFUL]
        low = min(votes[c] for c in hopeful)
        tied = [c for c in hopeful if votes[c] == low]
        c = tied[0]
        if len(tied) > 1:
            c = _ahead_at_first_difference(
                tied, history, lot, names, len(history) + 1, report.tie_breaks
            )
        status[c] = EXCLUDED
        keep[c] = 0
        report.excluded.append(c)
        votes, lost = share_out()
        quota = quota_for(lost)
        rounds = iterate()
        close("exclusion", (c,), (c,), f"{rounds + 1} iteration{'s' if rounds else ''}")
    report.quota = quota
    return report


def _first(r: tuple[int, ...], status: list[int], groups: list[tuple[int, ...]]) -> int:
    for x in r:
        if x >= 0:
            if status[x] != EXCLUDED:
                return x
        else:
            live = [y for y in groups[~x] if status[y] != EXCLUDED]
            if len(live) == 1:
                return live[0]
            if live:
                return -1
    return -1


def _fig(units: int) -> str:
    q, r = divmod(units, UNIT)
    return f"{q}.{r:09d}"


def _ahead_at_first_difference(
    tied: list[int],
    history: list[list[int | None]],
    lot: Lot,
    names: tuple[str, ...],
    stage: int,
    tie_breaks: list[TieBreak],
) -> int:
    """The candidate to exclude: fewest votes at the first stage where the tied differ."""
    cands = sorted(tied)
    for row in history:
        vals = {c: row[c] for c in cands}
        if any(v is None for v in vals.values()):
            continue
        low = min(v for v in vals.values() if v is not None)
        if any(v != low for v in vals.values()):
            cands = [c for c in cands if vals[c] == low]
            if len(cands) == 1:
                tie_breaks.append(
                    TieBreak(stage, tuple(sorted(tied)), cands[0], "first-difference", "exclusion")
                )
                return cands[0]
    chosen = lot.choose(cands, names)
    tie_breaks.append(TieBreak(stage, tuple(sorted(tied)), chosen, "lot", "exclusion"))
    return chosen
