"""STV by the Electoral Reform Society's 1997 rules (ERS97), sections 5.1-5.6.

Figures are integers in hundredths of a vote (`precision=2`).

- 5.1.6 quota: valid votes / (seats + 1), taken to two decimal places, plus 0.01 unless exact;
  5.4.8: while no one is elected, recalculated without the non-transferable votes.
- 5.1.7, 5.3.13, 5.4.9: a candidate is deemed elected on reaching the quota, or (rarely) the
  total active vote / (places unfilled + 1); in descending order of votes; 5.6.2: when tied
  candidates are more than the places left, the earliest point of difference decides, and
  if they were equal throughout none of them is elected at that point.
- 5.2.2 a surplus is deferred while the surpluses together could not save the lowest
  candidate(s) from exclusion; 5.2.3 otherwise the largest is transferred (ties: greatest
  vote at the earliest point of difference, then lot).
- 5.3: a first-stage surplus is transferred from all the candidate's papers, a later one from
  the last batch received only; transfer value = surplus / transferable papers, to two decimal
  places ignoring the remainder (never more than the paper's value), or the papers' own value
  when they are worth no more than the surplus. The remainder is the non-transferable
  difference.
- 5.2.5 exclusion: as many of the lowest candidates together as can be without enough votes
  (with any deferred surpluses) to overtake the candidate next above, leaving enough
  candidates for the places; ties: fewest votes at the earliest point of difference, then lot.
- 5.4: the excluded candidates' papers are transferred in batches, highest value first; after
  each batch candidates may be deemed elected, and then receive no more papers.
- 5.5.1: when an exclusion would leave as many continuing candidates as places, they are
  elected; 5.5.2: when the places are filled the count stops.

"Points" of the count for tie-breaking are the first stage and the end of each surplus
transfer and of each batch of an exclusion.
"""

from __future__ import annotations

import dataclasses

from ._errors import ElectionError
from ._model import Election
from ._prep import Progress, next_preference, start_count
from ._report import ActionType, Report, Stage, TieBreak

PRECISION = 2
ONE = 10**PRECISION

CONTINUING, ELECTED, EXCLUDED = 0, 1, 2


def count_ers97(
    election: Election,
    *,
    seed: str | None = None,
    progress: Progress | None = None,
    method: str = "ers97",
) -> Report:
    """Count `election` by the ERS97 STV rules and return the report."""
    seats, pats, lot, report = start_count(election, method=method, precision=PRECISION, seed=seed)
    names = election.candidates
    n = len(names)
    rankings, weights, groups = pats.rankings, pats.weights, pats.groups
    withdrawn = election.withdrawn
    status = [EXCLUDED if c in withdrawn else CONTINUING for c in range(n)]
    cont_flags = [c not in withdrawn for c in range(n)]
    holdings: list[list[int]] = [[] for _ in range(n)]
    last_batch: list[list[int]] = [[] for _ in range(n)]
    pos = [0] * len(rankings)
    value = [ONE] * len(rankings)
    papers = [0] * n
    invalid = 0
    for i, r in enumerate(rankings):
        c, p = next_preference(r, -1, cont_flags, groups)
        if c < 0:
            invalid += weights[i]
            continue
        holdings[c].append(i)
        pos[i] = p
        papers[c] += weights[i]
    valid = sum(papers)
    if valid == 0:
        raise ElectionError(f"{method}: no ballot gives a first preference to a candidate")
    for c in range(n):
        last_batch[c] = list(holdings[c])
    report.details = {"valid_ballots": valid, "invalid_ballots": invalid}
    votes = [p * ONE for p in papers]
    nt = 0
    quota = _quota(valid * ONE, seats)
    transferred: set[int] = set()  # elected candidates whose surplus has been dealt with
    points: list[list[int | None]] = []
    gone_before: set[int] = set(withdrawn)

    def elected_count() -> int:
        return sum(1 for s in status if s == ELECTED)

    def point() -> None:
        points.append([None if status[c] == EXCLUDED else votes[c] for c in range(n)])

    def pending() -> list[int]:
        return [
            c
            for c in range(n)
            if status[c] == ELECTED and c not in transferred and votes[c] > quota
        ]

    def forward_key(c: int) -> tuple[int, ...]:
        return tuple(-1 if row[c] is None else row[c] for row in points)  # type: ignore[misc]

    def deem_elected(awaiting: int, stage: int, newly: list[int]) -> None:
        while True:
            places = seats - elected_count()
            if places <= 0:
                return
            cont = [c for c in range(n) if status[c] == CONTINUING]
            active = sum(votes[c] for c in cont) + awaiting
            active += sum(votes[c] - quota for c in pending())
            ok = [
                c
                for c in cont
                if votes[c] >= quota or (votes[c] > 0 and votes[c] * (places + 1) >= active)
            ]
            if not ok:
                return
            top = max(votes[c] for c in ok)
            tied = [c for c in ok if votes[c] == top]
            if len(tied) > places:
                # 5.6.2: the earliest point of difference; equal throughout: none elected.
                best = max(forward_key(c) for c in tied)
                first = [c for c in tied if forward_key(c) == best]
                if len(first) > places or len(first) == len(tied):
                    return
                report.tie_breaks.append(
                    TieBreak(stage, tuple(sorted(tied)), first[0], "first-difference", "election")
                )
                tied = first
            c = min(tied, key=lambda x: tuple(-v for v in forward_key(x)))
            status[c] = ELECTED
            cont_flags[c] = False
            newly.append(c)
            report.elected.append(c)

    def lowest_first(cands: list[int], stage: int) -> list[int]:
        """`cands` in exclusion order: fewest votes, then fewest at the earliest difference,
        then by lot."""
        ordered = sorted(cands, key=lambda c: (votes[c], forward_key(c)))
        out: list[int] = []
        k = 0
        while k < len(ordered):
            j = k
            key = (votes[ordered[k]], forward_key(ordered[k]))
            while (
                j + 1 < len(ordered) and (votes[ordered[j + 1]], forward_key(ordered[j + 1])) == key
            ):
                j += 1
            group = ordered[k : j + 1]
            while len(group) > 1:
                chosen = lot.choose(group, names)
                report.tie_breaks.append(
                    TieBreak(stage, tuple(sorted(group)), chosen, "lot", "exclusion")
                )
                out.append(chosen)
                group.remove(chosen)
            out.extend(group)
            k = j + 1
        return out

    def close(
        action: ActionType, who: tuple[int, ...], out: tuple[int, ...], newly: list[int]
    ) -> None:
        row: list[int | None] = [None if c in gone_before else votes[c] for c in range(n)]
        report.stages.append(
            Stage(
                number=len(report.stages) + 1,
                action=action,
                action_candidates=who,
                votes=tuple(row),
                non_transferable=nt,
                elected=tuple(newly),
                excluded=out,
                note=f"quota {_fig(quota)}",
            )
        )
        gone_before.update(out)
        if progress is not None:
            done = elected_count() + len(report.excluded)
            progress("counting", min(1.0, done / max(1, n - len(withdrawn))))

    def move(
        batch: list[int], source_value: dict[int, int] | None, received: dict[int, list[int]]
    ) -> tuple[int, int]:
        """Send each pattern in `batch` to its next continuing preference; returns
        (value credited, value that found no next preference)."""
        credited = 0
        lost = 0
        for i in batch:
            nc, p = next_preference(rankings[i], pos[i], cont_flags, groups)
            v = value[i] if source_value is None else source_value[i]
            amount = weights[i] * v
            if nc < 0:
                lost += weights[i] * value[i]
                continue
            value[i] = v
            pos[i] = p
            holdings[nc].append(i)
            received.setdefault(nc, []).append(i)
            votes[nc] += amount
            credited += amount
        return credited, lost

    point()
    newly: list[int] = []
    deem_elected(0, 1, newly)
    close("first", (), (), newly)

    while elected_count() < seats:
        number = len(report.stages) + 1
        cont = [c for c in range(n) if status[c] == CONTINUING]
        places = seats - elected_count()
        surpluses = pending()
        total_surplus = sum(votes[c] - quota for c in surpluses)
        order = sorted(cont, key=lambda c: votes[c])
        deferred = False
        if surpluses:
            running = 0
            for k in range(1, len(order)):
                running += votes[order[k - 1]]
                if len(order) - k < places:
                    break
                if running + total_surplus <= votes[order[k]]:
                    deferred = True
                    break
        if surpluses and not deferred:
            top = max(votes[c] - quota for c in surpluses)
            tied = [c for c in surpluses if votes[c] - quota == top]
            c = tied[0]
            if len(tied) > 1:
                best = max(forward_key(x) for x in tied)
                first = [x for x in tied if forward_key(x) == best]
                c = first[0] if len(first) == 1 else lot.choose(first, names)
                report.tie_breaks.append(
                    TieBreak(
                        number,
                        tuple(sorted(tied)),
                        c,
                        "first-difference" if len(first) == 1 else "lot",
                        "surplus",
                    )
                )
            surplus = votes[c] - quota
            batch = last_batch[c]
            transferable = [
                i for i in batch if next_preference(rankings[i], pos[i], cont_flags, groups)[0] >= 0
            ]
            count_papers = sum(weights[i] for i in transferable)
            worth = sum(weights[i] * value[i] for i in transferable)
            new_value: dict[int, int] = {}
            if count_papers and worth > surplus:
                tv = surplus // count_papers
                new_value = {i: min(tv, value[i]) for i in transferable}
            else:
                new_value = {i: value[i] for i in transferable}
            received: dict[int, list[int]] = {}
            moved = set(transferable)
            credited, _ = move(transferable, new_value, received)
            holdings[c] = [i for i in holdings[c] if i not in moved]
            for nc, got in received.items():
                last_batch[nc] = got
            votes[c] = quota
            nt += surplus - credited
            transferred.add(c)
            point()
            newly = []
            deem_elected(0, number, newly)
            close("surplus", (c,), (), newly)
            continue

        # Exclusion (5.2.5), with the deferred surpluses counted against it.
        ranked = lowest_first(cont, number)
        k_max = 1
        running = 0
        for k in range(1, len(ranked)):
            running += votes[ranked[k - 1]]
            if len(ranked) - k < places:
                break
            if running + total_surplus <= votes[ranked[k]]:
                k_max = k
        out = ranked[:k_max]
        if len(cont) - len(out) <= places:
            # 5.5.1: the rest are elected; the proposed exclusion is not made.
            rest = [c for c in cont if c not in out]
            if len(cont) - len(out) < places:
                rest = cont
            rest.sort(key=lambda c: (-votes[c], c))
            for c in rest[:places]:
                status[c] = ELECTED
                cont_flags[c] = False
                report.elected.append(c)
            last = report.stages[-1]
            report.stages[-1] = dataclasses.replace(
                last, elected=last.elected + tuple(rest[:places])
            )
            break
        for c in out:
            status[c] = EXCLUDED
            cont_flags[c] = False
            report.excluded.append(c)
        pool = [i for c in out for i in holdings[c]]
        holder_of = {i: c for c in out for i in holdings[c]}
        by_value: dict[int, list[int]] = {}
        for i in pool:
            by_value.setdefault(value[i], []).append(i)
        newly = []
        awaiting = sum(votes[c] for c in out)
        for v in sorted(by_value, reverse=True):
            batch = by_value[v]
            received = {}
            # Papers leave their excluded holder.
            holder_loss = sum(weights[i] * value[i] for i in batch)
            credited, lost = move(batch, None, received)
            for nc, got in received.items():
                last_batch[nc] = got
            for i in batch:
                votes[holder_of[i]] -= weights[i] * v
            nt += lost
            awaiting -= holder_loss
            if elected_count() == 0 and nt > 0:
                quota = _quota(valid * ONE - nt, seats)  # 5.4.8
            point()
            deem_elected(awaiting, number, newly)
            if elected_count() >= seats:
                break
        for c in out:
            holdings[c] = []  # any votes left untransferred (5.5.2) still show on the stage
        close("exclusion", tuple(out), tuple(out), newly)
    report.quota = quota
    report.details["stage_quotas"] = [s.note.removeprefix("quota ") for s in report.stages]
    return report


def _quota(total_units: int, seats: int) -> int:
    return -(-total_units // (seats + 1))


def _fig(units: int) -> str:
    q, r = divmod(units, ONE)
    return f"{q}.{r:02d}"
