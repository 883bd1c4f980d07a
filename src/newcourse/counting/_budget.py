"""Participatory budgets: which proposed projects the budget funds, by the rule the body adopted.

- `greedy`: projects by score (votes, points or Borda score), most first; each is funded if it
  still fits in what is left of the budget. What most cities use.
- `greedy-no-skip`: the same, but the count stops at the first project that does not fit.
- `equalshares`: the Method of Equal Shares (Peters and Skowron; equalshares.net). The budget
  is shared equally among the members who voted; a project is funded only with the money of
  those who voted for it, split as equally as their shares allow. Each round funds the project
  whose supporters pay least per unit of its cost (the highest "effective vote count"), so a
  group of members gets projects in proportion to its size, where greedy would give the
  majority everything.
- `equalshares/add1`: equal shares with the add1 completion: equal shares alone usually leaves
  money unspent, so each member's share is raised one currency unit at a time, and the outcome
  is the last before a raise would spend more than the budget (or the first that no unfunded
  project would still fit), as pabutools' `voter_budget_increment=1` and Assen 2024.
- `equalshares/add1-comparison`: add1, then the comparison step Wieliczka used: if more members
  have more of their projects funded by the greedy outcome than by equal shares, greedy wins.

Equal shares uses cost utilities (a member values a project by its cost), as equalshares.net
and pabutools' `Cost_Sat` do; any ballot is read as approving the projects it names. Ties
between equally good projects go to the cheaper one, then the one with more votes
(equalshares.net's recommendation; pabutools, by default, goes by project id alone), then the
lower project id (numbers by value: 2 before 10), where equalshares.net would draw lots: a
count must come out the same every time. Greedy ties go to the cheaper project, then the lower
id.

Arithmetic is exact: money is in integers (the file's smallest unit), the members' remaining
shares are integers over one common denominator, so no comparison is ever rounded.
"""

from __future__ import annotations

from math import gcd

from ._errors import ElectionError
from ._methods import BUDGET_METHODS

TYPE_CHECKING = False  # not `typing`'s: importing typing is start-up time a count does not need
if TYPE_CHECKING:
    from collections.abc import Callable
    from fractions import Fraction
    from typing import Literal

    from ._pabulib import BudgetVote

    Ratio = tuple[int, int]  # an exact amount: (numerator, denominator)

    Reason = Literal[
        "fits",  # greedy: funded, it fitted in what was left
        "too-dear",  # greedy: not funded, it did not fit in what was left
        "not-reached",  # greedy-no-skip: the count had stopped before it
        "below-threshold",  # its score is under the body's threshold
        "no-votes",  # nobody voted for it
        "chosen",  # equal shares: funded in a round
        "free",  # equal shares: costs nothing and has supporters, so funded first
        "unaffordable",  # equal shares: its supporters' remaining shares could not pay for it
    ]


class ProjectResult:
    """What the count decided about one project, and why.

    Greedy: `place` in the order of scores, and `left` the budget left after it was decided.
    Equal shares: `round` it was funded in (or found unaffordable), `price` the most any of its
    supporters paid (a fraction of money units), and `money_behind` what its supporters had
    left between them when it was found unaffordable.

    Plain classes, not dataclasses, and money held as (numerator, denominator) pairs with
    `Fraction`s made only when asked for: `newcourse count FILE.pb` starts in a few dozen
    milliseconds, and `dataclasses` or `fractions` would each add a noticeable part of that.
    """

    __slots__ = (
        "behind_ratio",
        "funded",
        "left",
        "place",
        "price_ratio",
        "project",
        "reason",
        "round",
        "score",
    )

    def __init__(
        self,
        project: int,
        funded: bool,
        reason: Reason,
        score: int,
        place: int | None = None,
        left: int | None = None,
        *,
        round: int | None = None,
        price: Ratio | None = None,
        money_behind: Ratio | None = None,
    ) -> None:
        self.project = project
        self.funded = funded
        self.reason = reason
        self.score = score
        self.place = place
        self.left = left
        self.round = round
        self.price_ratio = price
        self.behind_ratio = money_behind

    def __repr__(self) -> str:
        return f"ProjectResult({self.project}, {self.funded}, {self.reason!r})"

    @property
    def price(self) -> Fraction | None:
        """Equal shares: the most any supporter paid for it, in money units."""
        return _fraction(self.price_ratio)

    @property
    def money_behind(self) -> Fraction | None:
        """Equal shares: what its supporters had left between them when it was found
        unaffordable, in money units."""
        return _fraction(self.behind_ratio)


def _fraction(ratio: Ratio | None) -> Fraction | None:
    if ratio is None:
        return None
    from fractions import Fraction  # noqa: PLC0415 - see ProjectResult

    return Fraction(*ratio)


class BudgetCount:
    """The result of counting a participatory budget: the projects funded, in the order the
    count funded them, and one `ProjectResult` a project, in the order of the file."""

    __slots__ = (
        "comparison",
        "method",
        "raises",
        "results",
        "selected",
        "share_ratio",
        "stopped_because",
        "vote",
    )

    def __init__(self, method: str, vote: BudgetVote) -> None:
        self.method = method
        self.vote = vote
        self.selected: list[int] = []
        self.results: list[ProjectResult] = []
        self.share_ratio: Ratio | None = None  # equal shares: each member's share at the start
        self.raises = 0  # add1: how many one-unit raises of each share
        self.stopped_because = ""  # add1: "exhaustive" or "overspend"
        self.comparison: dict[str, int | str] = {}  # add1-comparison: who preferred which

    @property
    def share(self) -> Fraction | None:
        """Equal shares: each member's share of the budget at the start, in money units."""
        return _fraction(self.share_ratio)

    @property
    def spent(self) -> int:
        """The cost of the funded projects, in money units."""
        return sum(self.vote.projects[p].cost for p in self.selected)


def count_budget(vote: BudgetVote, method: str | None = None) -> BudgetCount:
    """Count `vote` by `method` (one of BUDGET_METHODS), or by the rule the file states."""
    name = method or vote.rule
    if name is None:
        raise ElectionError(
            "the file states no rule; choose a method: " + ", ".join(BUDGET_METHODS)
        )
    if name not in _METHODS:
        if method is None:
            raise ElectionError(
                f"the file's rule {name!r} is not one this count knows; choose a method: "
                + ", ".join(BUDGET_METHODS)
            )
        raise ElectionError(
            f"unknown participatory-budget method {name!r}; choose one of: "
            + ", ".join(BUDGET_METHODS)
        )
    return _METHODS[name](vote)


def eligible(vote: BudgetVote, p: int) -> bool:
    """Whether project `p` reaches the body's score threshold (every project, without one)."""
    return vote.min_score is None or vote.scores[p] >= vote.min_score


# --- greedy -------------------------------------------------------------------------------


def greedy_order(vote: BudgetVote) -> list[int]:
    """Projects by score, highest first; ties to the cheaper, then the lower id."""
    projects = vote.projects
    return sorted(
        range(len(projects)),
        key=lambda p: (-vote.scores[p], projects[p].cost, _id_key(projects[p].id)),
    )


def _id_key(pid: str) -> tuple[int, int, str]:
    """Project ids in their natural order: numbers by value (2 before 10), then text."""
    return (0, int(pid), "") if pid.isascii() and pid.isdigit() else (1, 0, pid)


def _greedy(vote: BudgetVote, *, skip: bool) -> BudgetCount:
    result = BudgetCount("greedy" if skip else "greedy-no-skip", vote)
    left = vote.budget
    stopped = False
    decided: dict[int, ProjectResult] = {}
    for place, p in enumerate(greedy_order(vote), start=1):
        cost = vote.projects[p].cost
        score = vote.scores[p]
        if not eligible(vote, p):
            decided[p] = ProjectResult(p, False, "below-threshold", score, place, left)
        elif stopped:
            decided[p] = ProjectResult(p, False, "not-reached", score, place, left)
        elif cost <= left:
            left -= cost
            result.selected.append(p)
            decided[p] = ProjectResult(p, True, "fits", score, place, left)
        else:
            decided[p] = ProjectResult(p, False, "too-dear", score, place, left)
            stopped = not skip
    result.results = [decided[p] for p in range(len(vote.projects))]
    return result


def greedy(vote: BudgetVote) -> BudgetCount:
    """Projects by score, most first, each funded if it still fits."""
    return _greedy(vote, skip=True)


def greedy_no_skip(vote: BudgetVote) -> BudgetCount:
    """Projects by score, most first, funded until the first that does not fit."""
    return _greedy(vote, skip=False)


# --- the Method of Equal Shares -------------------------------------------------------------


class _Shares:
    """The ballots arranged for repeated runs of equal shares.

    Members who supported the same funded projects so far hold the same remaining share, so a
    run keeps members in *classes* of equal share, each a set of members held as the bits of a
    Python int (a member a bit; the members who cast the same ballot take adjacent bits). A
    project's supporters are such a set too, so how many of them are in a class is one `&`
    and one `bit_count`, done in C. Funding a project splits each class into its supporters
    (who pay) and the rest; members whose share is spent are dropped, since they can pay for
    nothing more. A run thus touches classes (dozens), never members (thousands).
    """

    def __init__(self, vote: BudgetVote) -> None:
        self.vote = vote
        self.voters = vote.voters
        projects = vote.projects
        masks = [0] * len(projects)
        count = [0] * len(projects)
        offset = 0
        for ballot, n in vote.ballots.items():
            bits = ((1 << n) - 1) << offset
            offset += n
            for p in ballot:
                masks[p] |= bits
                count[p] += n
        self.everyone = (1 << offset) - 1
        self.masks = masks
        self.count = count
        self.free = [
            p for p, pr in enumerate(projects) if pr.cost == 0 and count[p] and eligible(vote, p)
        ]
        self.candidates = [
            p for p, pr in enumerate(projects) if pr.cost > 0 and count[p] and eligible(vote, p)
        ]
        self.tie_key = {
            p: (projects[p].cost, -count[p], _id_key(projects[p].id)) for p in self.candidates
        }

    def run(self, share: Ratio, *, explain: bool = False) -> tuple[list[int], dict[int, _Step]]:
        """One run of equal shares with `share` (numerator, denominator) for each member: the
        projects funded, in order, and (with `explain`) each project's round, price or money
        behind it.

        A project's price per unit of its cost, rho, is a ratio (a, b); ratios are compared by
        cross-multiplying, exactly. The order projects are tried in only saves work (a project
        whose last rho already exceeds the best this round cannot win), so a float is enough
        to sort them by."""
        costs = [p.cost for p in self.vote.projects]
        masks = self.masks
        num0, den = share  # every amount of money below is a numerator over `den`
        classes = [(num0, self.everyone)]  # (each one's remaining share, members)
        bound: dict[int, Ratio] = {
            p: (1, self.count[p]) for p in self.candidates
        }  # a lower bound on each project's rho, which only rises as shares are spent
        approx: dict[int, float] = {p: 1 / self.count[p] for p in self.candidates}
        remaining = set(self.candidates)
        chosen: list[int] = list(self.free)
        steps: dict[int, _Step] = {p: _Step(0, None, None) for p in self.free}
        rnd = 0
        while remaining:
            rnd += 1
            best: int | None = None
            best_a, best_b = 0, 1
            best_pay = (0, 1)
            for p in sorted(remaining, key=approx.__getitem__):
                a, b = bound[p]
                if best is not None and a * best_b > best_a * b:
                    continue  # its price can only have risen since it was last worked out
                need = costs[p] * den
                mask = masks[p]
                backing = [(b, n) for b, members in classes if (n := (members & mask).bit_count())]
                behind = sum([b * n for b, n in backing])
                rich = sum([n for _, n in backing])
                if behind < need:
                    remaining.discard(p)
                    if explain:
                        steps[p] = _Step(rnd, None, (behind, den))
                    continue
                backing.sort()
                paid = 0
                for b, n in backing:
                    if need - paid <= b * rich:
                        break
                    paid += b * n
                    rich -= n
                a, b = need - paid, rich * den * costs[p]
                bound[p] = (a, b)
                approx[p] = a / b
                if best is None:
                    better = True
                else:
                    left, right = a * best_b, best_a * b
                    better = left < right or (
                        left == right and self.tie_key[p] < self.tie_key[best]
                    )
                if better:
                    best, best_a, best_b, best_pay = p, a, b, (need - paid, rich)
            if best is None:
                break
            remaining.discard(best)
            chosen.append(best)
            num, rich = best_pay
            if explain:
                steps[best] = _Step(rnd, (num, rich * den), None)
            # Scale every share so that the price, num / rich, is a whole numerator.
            g = gcd(num, rich)
            scale, price = rich // g, num // g
            den *= scale
            mask = masks[best]
            # Members left with equal shares join one class, whatever they paid for.
            split: dict[int, int] = {}
            for b, members in classes:
                b *= scale
                paying = members & mask
                if paying:
                    if b > price:
                        split[b - price] = split.get(b - price, 0) | paying
                    if paying != members:
                        split[b] = split.get(b, 0) | (members ^ paying)
                else:
                    split[b] = split.get(b, 0) | members
            common = gcd(den, *split)
            if common > 1:
                den //= common
                classes = [(b // common, members) for b, members in split.items()]
            else:
                classes = list(split.items())
        return chosen, steps


class _Step:
    """A project's round in one run, with its price (funded) or the money behind it (not)."""

    __slots__ = ("money_behind", "price", "round")

    def __init__(self, round: int, price: Ratio | None, money_behind: Ratio | None) -> None:
        self.round = round
        self.price = price
        self.money_behind = money_behind


def _explain(
    result: BudgetCount, shares: _Shares, steps: dict[int, _Step], chosen: list[int]
) -> None:
    vote = result.vote
    result.selected = chosen
    funded = set(chosen)
    out: list[ProjectResult] = []
    for p in range(len(vote.projects)):
        score = vote.scores[p]
        step = steps.get(p)
        if p in funded and step is not None:
            reason: Reason = "free" if vote.projects[p].cost == 0 else "chosen"
            out.append(ProjectResult(p, True, reason, score, round=step.round, price=step.price))
        elif not eligible(vote, p):
            out.append(ProjectResult(p, False, "below-threshold", score))
        elif shares.count[p] == 0:
            out.append(ProjectResult(p, False, "no-votes", score))
        elif step is not None:
            out.append(
                ProjectResult(
                    p,
                    False,
                    "unaffordable",
                    score,
                    round=step.round,
                    money_behind=step.money_behind,
                )
            )
        else:  # pragma: no cover - every run ends by finding each remaining project unaffordable
            out.append(ProjectResult(p, False, "unaffordable", score))
    result.results = out


def _start_share(vote: BudgetVote, raises: int = 0, voters: int | None = None) -> Ratio:
    """Each member's share, the budget over the members, raised `raises` currency units."""
    if voters is None:
        voters = vote.voters
    if voters == 0:
        raise ElectionError("nobody voted: equal shares has no members to share the budget")
    return (vote.budget + raises * 10**vote.decimals * voters, voters)


def equal_shares(vote: BudgetVote) -> BudgetCount:
    """The Method of Equal Shares, each member's share the budget over the members who voted."""
    result = BudgetCount("equalshares", vote)
    shares = _Shares(vote)
    result.share_ratio = _start_share(vote)
    chosen, steps = shares.run(result.share_ratio, explain=True)
    _explain(result, shares, steps, chosen)
    return result


def _exhaustive(vote: BudgetVote, shares: _Shares, chosen: list[int]) -> bool:
    """No project that could be funded (positive cost, supporters, over any threshold) and is not
    would still fit in what the chosen projects leave of the budget."""
    left = vote.budget - sum(vote.projects[p].cost for p in chosen)
    funded = set(chosen)
    return all(vote.projects[p].cost > left for p in shares.candidates if p not in funded)


def equal_shares_add1(vote: BudgetVote) -> BudgetCount:
    """Equal shares with the add1 completion (pabutools' `voter_budget_increment=1`).

    Each member's share starts at budget / members and is raised by one currency unit at a
    time. The count stops at the first share whose outcome leaves no room for another eligible
    project (that outcome stands), or at the first whose outcome costs more than the budget
    (the outcome before it stands). Every raise is a fresh run: equal shares is not monotone
    in the share, so no raise can be skipped safely, but each run is cheap (see `_Shares`).
    """
    result = BudgetCount("equalshares/add1", vote)
    shares = _Shares(vote)
    raises = 0
    chosen, _ = shares.run(_start_share(vote))
    while True:
        if _exhaustive(vote, shares, chosen):
            result.stopped_because = "exhaustive"
            break
        nxt, _ = shares.run(_start_share(vote, raises + 1, shares.voters))
        if sum(vote.projects[p].cost for p in nxt) > vote.budget:
            result.stopped_because = "overspend"
            break
        raises += 1
        chosen = nxt
    result.raises = raises
    result.share_ratio = _start_share(vote, raises)
    final, steps = shares.run(result.share_ratio, explain=True)
    _explain(result, shares, steps, final)
    return result


def _members_preferring(vote: BudgetVote, a: list[int], b: list[int]) -> tuple[int, int]:
    """How many members have more of their projects funded by `a` than by `b`, and the reverse."""
    sa, sb = set(a), set(b)
    more_a = more_b = 0
    for ballot, n in vote.ballots.items():
        in_a = sum(1 for p in ballot if p in sa)
        in_b = sum(1 for p in ballot if p in sb)
        if in_a > in_b:
            more_a += n
        elif in_b > in_a:
            more_b += n
    return more_a, more_b


def equal_shares_add1_comparison(vote: BudgetVote) -> BudgetCount:
    """Equal shares with add1, then Wieliczka's comparison step (equalshares.net).

    Each member compares the two outcomes by how many of the projects they voted for each one
    funds. If more members prefer the greedy outcome than the equal-shares one, greedy's stands;
    otherwise (a tie included) equal shares' does.
    """
    mes = equal_shares_add1(vote)
    plain = greedy(vote)
    for_mes, for_greedy = _members_preferring(vote, mes.selected, plain.selected)
    chosen = plain if for_greedy > for_mes else mes
    chosen.method = "equalshares/add1-comparison"
    chosen.comparison = {
        "prefer_equal_shares": for_mes,
        "prefer_greedy": for_greedy,
        "outcome": "greedy" if chosen is plain else "equalshares/add1",
    }
    if chosen is plain:
        chosen.share_ratio, chosen.raises = mes.share_ratio, mes.raises
    return chosen


_METHODS: dict[str, Callable[[BudgetVote], BudgetCount]] = {
    "greedy": greedy,
    "greedy-no-skip": greedy_no_skip,
    "equalshares": equal_shares,
    "equalshares/add1": equal_shares_add1,
    "equalshares/add1-comparison": equal_shares_add1_comparison,
}
