"""Instant-runoff voting (the alternative vote), with sequential or batch elimination.

Each round, every continuing paper counts whole for its next available preference. A candidate
with more than half of the votes on continuing papers is elected; otherwise the candidate with
the fewest votes is eliminated and their papers go on (sequential elimination). With batch
elimination, as several American rule books ask, every candidate in the largest group of
lowest candidates whose combined votes are fewer than the votes of the next candidate up is
eliminated at once: none of them could overtake that candidate, so the result is the same.

Ties for elimination are broken by the most recent earlier round at which the tied candidates
had unequal votes (the fewest is eliminated), then by lot, exactly as Scottish STV breaks
them, so a one-seat Scottish STV count and this count elect the same candidate.

An equal ranking (an overvote) holding two or more continuing candidates ends the paper's
life: it is exhausted and stays exhausted (Burlington's rule). Ballot-file readers apply
rules about unknown overvotes and skipped ranks before the count (see `read_csv`).
"""

from __future__ import annotations

from collections.abc import Collection

from ._errors import ElectionError
from ._model import Election
from ._prep import Progress, break_tie, next_preference, start_count
from ._report import ActionType, Report, Stage


def count_irv(
    election: Election,
    *,
    seed: str | None = None,
    batch: bool = False,
    eliminate_first: Collection[int] = (),
    progress: Progress | None = None,
    method: str = "irv",
) -> Report:
    """Count `election` (one seat) by instant-runoff voting.

    `batch` turns on batch elimination. `eliminate_first` names candidates (such as an
    "undeclared write-ins" line) who are eliminated together before anyone else.
    """
    seats, pats, lot, report = start_count(election, method=method, precision=0, seed=seed)
    if seats != 1:
        raise ElectionError(
            f"{method} fills one seat, and this election has {seats}; count it with an STV "
            "method, or give --seats 1"
        )
    names = election.candidates
    n = len(names)
    rankings, weights, groups = pats.rankings, pats.weights, pats.groups
    withdrawn = election.withdrawn
    continuing = [c not in withdrawn for c in range(n)]
    gone = [c in withdrawn for c in range(n)]
    holdings: list[list[int]] = [[] for _ in range(n)]
    pos = [0] * len(rankings)
    votes = [0] * n
    exhausted = 0
    for i, r in enumerate(rankings):
        c, p = next_preference(r, -1, continuing, groups)
        if c < 0:
            exhausted += weights[i]
            continue
        holdings[c].append(i)
        pos[i] = p
        votes[c] += weights[i]
    total = sum(votes) + exhausted
    report.details = {"valid_ballots": total, "batch_elimination": batch}
    if sum(votes) == 0:
        raise ElectionError(f"{method}: no ballot gives a first preference to a candidate")
    history: list[list[int | None]] = []
    first = [c for c in eliminate_first if continuing[c]]
    standing = n - len(withdrawn)

    def close(action: ActionType, who: tuple[int, ...]) -> bool:
        row: list[int | None] = [None if gone[c] else votes[c] for c in range(n)]
        for c in who:
            row[c] = 0
        history.append(row)
        cont = [c for c in range(n) if continuing[c]]
        live = sum(votes[c] for c in cont)
        winner = None
        top = max(votes[c] for c in cont)
        if 2 * top > live or len(cont) == 1:
            leaders = [c for c in cont if votes[c] == top]
            winner = leaders[0]
        stage = Stage(
            number=len(history),
            action=action,
            action_candidates=who,
            votes=tuple(row),
            non_transferable=exhausted,
            elected=(winner,) if winner is not None else (),
            excluded=who,
            note=f"majority of continuing votes: {live // 2 + 1}",
        )
        report.stages.append(stage)
        if progress is not None:
            progress("counting", min(1.0, len(report.excluded) / max(1, standing - 1)))
        if winner is not None:
            report.elected.append(winner)
            continuing[winner] = False
            return True
        return False

    done = close("first", ())
    while not done:
        number = len(history) + 1
        cont = [c for c in range(n) if continuing[c]]
        if first:
            out = sorted(first)
            first = []
        else:
            out = []
            if batch:
                order = sorted(cont, key=lambda c: votes[c])
                running = 0
                for k in range(len(order) - 1):
                    running += votes[order[k]]
                    if running < votes[order[k + 1]]:
                        out = order[: k + 1]
            if not out:
                low = min(votes[c] for c in cont)
                tied = [c for c in cont if votes[c] == low]
                c = tied[0]
                if len(tied) > 1:
                    c = break_tie(
                        tied,
                        history,
                        lowest=True,
                        lot=lot,
                        names=names,
                        stage=number,
                        purpose="exclusion",
                        tie_breaks=report.tie_breaks,
                    )
                out = [c]
        for c in out:
            continuing[c] = False
            gone[c] = True
            report.excluded.append(c)
        for c in out:
            for i in holdings[c]:
                ranking = rankings[i]
                nc, p = next_preference(ranking, pos[i], continuing, groups)
                if nc < 0:
                    exhausted += weights[i]
                    continue
                pos[i] = p
                holdings[nc].append(i)
                votes[nc] += weights[i]
            holdings[c] = []
            votes[c] = 0
        done = close("elimination", tuple(out))
    return report
