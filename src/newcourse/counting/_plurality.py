"""Counts of a single round: plurality, block plurality and approval.

These are the methods many rule books still name ("the candidate with most votes is elected",
"each member may vote for as many candidates as there are places"). They read the same ranked
ballots as every other method, so one ballot file can be counted by any of them, and each
section below says exactly which marks on a ranked paper count as a vote.

A withdrawn candidate is passed over on every paper, as if it had not been named. Ties for the
last seat are settled by lot from the stated seed (or, when none is stated, a seed derived
from the ballots), and every draw is in the report.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._lot import Lot
from ._model import Election, Ranking, check_election
from ._prep import default_seed
from ._report import Report, Stage, TieBreak


def count_plurality(election: Election, *, seed: str | None = None) -> Report:
    """Elect by first preferences alone (first past the post).

    Each paper gives one vote to the candidate it ranks first (after passing over withdrawn
    candidates). A paper that ranks two or more candidates equal first, or ranks nobody, is
    void for plurality and shown as non-transferable. The `election.seats` candidates with
    most votes are elected; with one seat this is first past the post, with more it is the
    single non-transferable vote.
    """
    continuing = standing_candidates(election, "plurality")
    votes = [0] * len(election.candidates)
    void = 0
    for ballot in election.ballots:
        ranking = continuing_ranking(ballot.ranking, election.withdrawn)
        if ranking and len(ranking[0]) == 1:
            votes[ranking[0][0]] += ballot.weight
        else:
            void += ballot.weight
    return _single_round(election, "plurality", votes, void, continuing, seed)


def count_block_plurality(election: Election, *, seed: str | None = None) -> Report:
    """Elect by block vote: each paper votes for as many candidates as there are seats.

    With `seats` places to fill, a paper gives one vote to each candidate in its leading
    groups of preferences, taking whole groups in order while they fit within `seats`
    candidates: with 3 seats, `A > B > C > D` votes for A, B and C; `A = B > C = D` votes for
    A and B only, since C and D together would make four; `A > B` votes for A and B (a voter
    may plump). The first group that would not fit, and everything after it, is not counted.
    A paper that gives no vote at all (its first group alone is larger than `seats`, or it
    ranks nobody) is shown as non-transferable. The `seats` candidates with most votes win.
    """
    continuing = standing_candidates(election, "block-plurality")
    votes = [0] * len(election.candidates)
    void = 0
    for ballot in election.ballots:
        ranking = continuing_ranking(ballot.ranking, election.withdrawn)
        chosen = _block_choice(ranking, election.seats)
        if not chosen:
            void += ballot.weight
        for candidate in chosen:
            votes[candidate] += ballot.weight
    return _single_round(election, "block-plurality", votes, void, continuing, seed)


def count_approval(election: Election, *, seed: str | None = None) -> Report:
    """Elect by approval: every candidate a paper names, at any preference, is approved.

    The order and grouping of the preferences do not matter: a paper approves the set of
    candidates it names (once each, however they are grouped). A paper that names nobody is
    shown as non-transferable. The `seats` candidates with most approvals are elected.
    """
    continuing = standing_candidates(election, "approval")
    votes = [0] * len(election.candidates)
    void = 0
    for ballot in election.ballots:
        approved = {c for group in ballot.ranking for c in group} - election.withdrawn
        if not approved:
            void += ballot.weight
        for candidate in approved:
            votes[candidate] += ballot.weight
    return _single_round(election, "approval", votes, void, continuing, seed)


def elect_in_order(
    ranking: Sequence[Sequence[int]],
    seats: int,
    *,
    lot: Lot,
    names: Sequence[str],
    stage: int = 1,
) -> tuple[list[int], list[TieBreak]]:
    """Fill `seats` from a ranking of groups of tied candidates, best group first.

    Whole groups are elected while they fit; the group that straddles the last seat is
    settled by lot, one draw per remaining seat, each draw recorded as a `TieBreak`. Within
    a group elected whole, candidates keep the order they are given in.
    """
    elected: list[int] = []
    tie_breaks: list[TieBreak] = []
    for group in ranking:
        remaining = seats - len(elected)
        if remaining <= 0:
            break
        if len(group) <= remaining:
            elected.extend(group)
            continue
        pool = sorted(group)
        for _ in range(remaining):
            chosen = lot.choose(pool, names)
            tie_breaks.append(
                TieBreak(
                    stage=stage,
                    between=tuple(pool),
                    chosen=chosen,
                    rule="lot",
                    purpose="election",
                )
            )
            elected.append(chosen)
            pool.remove(chosen)
    return elected, tie_breaks


def stated_seed(election: Election, seed: str | None) -> str:
    """The seed for any lot: the one stated, or else one derived from the ballots themselves
    (`default_seed`), so that two counts of the same ballots always draw alike."""
    return default_seed(election) if seed is None else seed


def standing_candidates(election: Election, method: str) -> list[int]:
    """Check that the election can be counted and return its standing candidates.

    The checks are the library's common ones (`_model.check_election`): at least one seat,
    no more seats than standing candidates, at least one paper, positive weights.
    """
    check_election(election, method=method)
    return [c for c in range(len(election.candidates)) if c not in election.withdrawn]


def continuing_ranking(ranking: Ranking, withdrawn: frozenset[int]) -> Ranking:
    """The ranking with withdrawn candidates passed over and emptied groups dropped."""
    if not withdrawn:
        return ranking
    kept = (tuple(c for c in group if c not in withdrawn) for group in ranking)
    return tuple(group for group in kept if group)


def _block_choice(ranking: Ranking, seats: int) -> list[int]:
    chosen: list[int] = []
    for group in ranking:
        fresh = [c for c in group if c not in chosen]
        if len(chosen) + len(fresh) > seats:
            break
        chosen.extend(fresh)
    return chosen


def _single_round(
    election: Election,
    method: str,
    votes: list[int],
    void: int,
    continuing: list[int],
    seed: str | None,
) -> Report:
    """Rank the continuing candidates by votes, fill the seats, and write the one stage."""
    by_votes: dict[int, list[int]] = {}
    for candidate in continuing:
        by_votes.setdefault(votes[candidate], []).append(candidate)
    ranking = [by_votes[total] for total in sorted(by_votes, reverse=True)]
    seed = stated_seed(election, seed)
    elected, tie_breaks = elect_in_order(
        ranking, election.seats, lot=Lot(seed), names=election.candidates
    )
    withdrawn = election.withdrawn
    stage = Stage(
        number=1,
        action="first",
        action_candidates=(),
        votes=tuple(None if c in withdrawn else v for c, v in enumerate(votes)),
        non_transferable=void,
        elected=tuple(elected),
    )
    return Report(
        method=method,
        candidates=election.candidates,
        seats=election.seats,
        precision=0,
        elected=elected,
        stages=[stage],
        tie_breaks=tie_breaks,
        seed=seed,
        title=election.title,
    )
