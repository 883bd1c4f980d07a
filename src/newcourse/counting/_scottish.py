"""Scottish STV: the Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1,
rules 45-52, re-made in the same terms by the 2011 Order (SSI 2011/399, rules 46-53).

Figures are integers in hundred-thousandths of a vote (`precision=5`).

- Rule 46: quota = floor(valid papers / (seats + 1)) + 1.
- Rule 47: a candidate whose votes equal or exceed the quota at the end of a stage is elected.
- Rule 48: the surplus of an elected candidate is transferred by sending on *all* the papers
  the candidate holds, each at transfer value = surplus x (value of the paper when received) /
  (candidate's total), computed to five decimal places with any remainder ignored. The votes
  lost to that truncation, together with the value of the papers with no next available
  preference, are non-transferable, so every stage balances exactly: the totals of the
  candidates still in the count plus the non-transferable votes equal the valid papers.
- Rule 49: largest surplus first; equal surpluses by the most recent preceding stage at which
  the candidates' votes were unequal (highest first), then by lot.
- Rule 50: when no surplus remains, the candidate with the fewest votes is excluded and all of
  their papers are transferred in one stage, each at the value it had when received.
- Rule 51: equal lowest candidates: the one with fewer votes at the most recent preceding stage
  at which their votes were unequal is excluded, then lot.
- Rule 52: when the continuing candidates are as many as the vacancies left, they are elected
  and no further transfer is made.

The work of each stage is proportional to the number of distinct ballot patterns the
transferring candidate holds: papers never exist as Python objects, only (pattern, position,
value) entries in the transferring candidate's pile.
"""

from __future__ import annotations

from ._errors import ElectionError
from ._model import Election
from ._prep import Progress, break_tie, next_preference, start_count
from ._report import ActionType, Report, Stage

PRECISION = 5
ONE = 10**PRECISION


def count_scottish_stv(
    election: Election,
    *,
    seed: str | None = None,
    progress: Progress | None = None,
    method: str = "scottish-stv",
) -> Report:
    """Count `election` by Scottish STV and return the stage-by-stage report."""
    seats, pats, lot, report = start_count(election, method=method, precision=PRECISION, seed=seed)
    names = election.candidates
    n = len(names)

    rankings, weights, groups = pats.rankings, pats.weights, pats.groups
    npat = len(rankings)
    withdrawn = election.withdrawn
    continuing = [c not in withdrawn for c in range(n)]
    gone = [c in withdrawn for c in range(n)]  # excluded or withdrawn: shows as None
    holdings: list[list[int]] = [[] for _ in range(n)]
    pos = [0] * npat
    value = [ONE] * npat
    papers = [0] * n
    invalid = 0
    for i, r in enumerate(rankings):
        # Most papers' first preference is a single continuing candidate at position 0.
        if r and (c := r[0]) >= 0 and continuing[c]:
            holdings[c].append(i)
            papers[c] += weights[i]
            continue
        c, p = next_preference(r, -1, continuing, groups)
        if c < 0:
            invalid += weights[i]
            continue
        holdings[c].append(i)
        pos[i] = p
        papers[c] += weights[i]
    valid = sum(papers)
    if valid == 0:
        raise ElectionError(f"{method}: no ballot gives a first preference to a candidate")
    quota = (valid // (seats + 1) + 1) * ONE
    report.quota = quota
    report.details = {"valid_ballots": valid, "invalid_ballots": invalid}
    votes = [p * ONE for p in papers]
    non_transferable = 0
    elected: list[int] = report.elected
    excluded: list[int] = report.excluded
    history: list[list[int | None]] = []
    left = n - len(withdrawn)

    def close_stage(
        action: ActionType, who: tuple[int, ...], just_excluded: tuple[int, ...]
    ) -> None:
        number = len(history) + 1
        row: list[int | None] = [None if gone[c] else votes[c] for c in range(n)]
        for c in just_excluded:
            row[c] = 0
        history.append(row)
        newly: list[int] = []
        # Rule 47: everyone at or over the quota is elected, highest first.
        over = [c for c in range(n) if continuing[c] and votes[c] >= quota]
        while over and len(elected) + len(newly) < seats:
            top = max(votes[c] for c in over)
            tied = [c for c in over if votes[c] == top]
            c = tied[0] if len(tied) == 1 else _tie(tied, False, number, "election")
            newly.append(c)
            over.remove(c)
            continuing[c] = False
        # Rule 52: as many continuing candidates as vacancies: all elected.
        cont = [c for c in range(n) if continuing[c]]
        vacancies = seats - len(elected) - len(newly)
        if cont and len(cont) <= vacancies:
            while cont:
                top = max(votes[c] for c in cont)
                tied = [c for c in cont if votes[c] == top]
                c = tied[0] if len(tied) == 1 else _tie(tied, False, number, "election")
                newly.append(c)
                cont.remove(c)
                continuing[c] = False
        elected.extend(newly)
        report.stages.append(
            Stage(
                number=number,
                action=action,
                action_candidates=who,
                votes=tuple(row),
                non_transferable=non_transferable,
                elected=tuple(newly),
                excluded=just_excluded,
            )
        )
        if progress is not None:
            progress("counting", min(1.0, (len(elected) + len(excluded)) / max(1, left)))

    def _tie(tied: list[int], lowest: bool, stage: int, purpose: str) -> int:
        return break_tie(
            tied,
            history,
            lowest=lowest,
            lot=lot,
            names=names,
            stage=stage,
            purpose=purpose,
            tie_breaks=report.tie_breaks,
        )

    close_stage("first", (), ())

    while len(elected) < seats:
        number = len(history) + 1
        pending = [c for c in elected if votes[c] > quota]
        if pending:
            top = max(votes[c] for c in pending)
            tied = [c for c in pending if votes[c] == top]
            c = tied[0] if len(tied) == 1 else _tie(tied, False, number, "surplus")
            total = votes[c]
            surplus = total - quota
            credited = 0
            tv_of: dict[int, int] = {}
            for i in holdings[c]:
                r = ranking = rankings[i]
                ln = len(r)
                p = pos[i] + 1
                nc = -1
                while p < ln:
                    x = ranking[p]
                    if x >= 0:
                        if continuing[x]:
                            nc = x
                            break
                    else:
                        nc, p = next_preference(ranking, p - 1, continuing, groups)
                        break
                    p += 1
                if nc < 0:
                    continue
                v = value[i]
                tv = tv_of.get(v)
                if tv is None:
                    tv = tv_of[v] = surplus * v // total
                value[i] = tv
                pos[i] = p
                holdings[nc].append(i)
                amount = weights[i] * tv
                votes[nc] += amount
                credited += amount
            holdings[c] = []
            votes[c] = quota
            non_transferable += surplus - credited
            close_stage("surplus", (c,), ())
        else:
            cont = [c for c in range(n) if continuing[c]]
            low = min(votes[c] for c in cont)
            tied = [c for c in cont if votes[c] == low]
            c = tied[0] if len(tied) == 1 else _tie(tied, True, number, "exclusion")
            continuing[c] = False
            gone[c] = True
            excluded.append(c)
            for i in holdings[c]:
                ranking = rankings[i]
                ln = len(ranking)
                p = pos[i] + 1
                nc = -1
                while p < ln:
                    x = ranking[p]
                    if x >= 0:
                        if continuing[x]:
                            nc = x
                            break
                    else:
                        nc, p = next_preference(ranking, p - 1, continuing, groups)
                        break
                    p += 1
                amount = weights[i] * value[i]
                if nc < 0:
                    non_transferable += amount
                    continue
                pos[i] = p
                holdings[nc].append(i)
                votes[nc] += amount
            holdings[c] = []
            votes[c] = 0
            close_stage("exclusion", (c,), (c,))
    return report
