"""A participatory budget's count as text, JSON or CSV: what was funded, and why each project
was or was not.

The JSON report (`newcourse-budget/1`) holds at least `selected`, the ids of the funded
projects in the order the count funded them; money is given as decimal strings in the file's
currency (prices of equal shares, which are fractions, to four places more than the file's).
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `typing`'s: importing typing is start-up time a count does not need
if TYPE_CHECKING:
    from typing import Any

    from ._budget import BudgetCount, ProjectResult, Ratio

FORMAT = "newcourse-budget/1"

_TITLES = {
    "greedy": "greedy (projects by votes, most first, each funded if it still fits)",
    "greedy-no-skip": "greedy without skipping (projects by votes, most first, until one "
    "does not fit)",
    "equalshares": "Method of Equal Shares",
    "equalshares/add1": "Method of Equal Shares, add1 completion",
    "equalshares/add1-comparison": "Method of Equal Shares, add1 completion and comparison "
    "with greedy",
}

_SCORE_WORD = {"cumulative": "points", "scoring": "points", "ordinal": "Borda score"}


def money(units: int | Ratio, decimals: int, extra: int = 0) -> str:
    """Money units (10**-decimals of the currency) as a decimal string; a ratio (numerator,
    denominator) is rounded half-even to `extra` more places."""
    places = decimals + extra
    if isinstance(units, tuple):
        num, den = units
        whole, rest = divmod(num * 10**extra, den)
        if 2 * rest > den or (2 * rest == den and whole % 2):
            whole += 1
    else:
        whole = units * 10**extra
    sign = "-" if whole < 0 else ""
    digits = str(abs(whole)).rjust(places + 1, "0")
    if places == 0:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _why(count: BudgetCount, r: ProjectResult) -> str:
    vote = count.vote
    d = vote.decimals
    cost = vote.projects[r.project].cost
    if r.reason == "fits":
        return f"funded: it fitted; {money(r.left or 0, d)} left"
    if r.reason == "too-dear":
        return f"not funded: it costs {money(cost, d)}, only {money(r.left or 0, d)} was left"
    if r.reason == "not-reached":
        return "not funded: the count had stopped at the first project that did not fit"
    if r.reason == "below-threshold":
        return f"not funded: its score is below the threshold of {vote.min_score}"
    if r.reason == "no-votes":
        return "not funded: nobody voted for it"
    if r.reason == "free":
        return "funded: it costs nothing"
    if r.reason == "chosen":
        assert r.price_ratio is not None  # noqa: S101 - a chosen project has a price
        num, den = r.price_ratio
        return (
            f"funded in round {r.round}: its supporters paid at most "
            f"{money(r.price_ratio, d, 2)} each (effective votes {cost * den / num:.2f})"
        )
    behind = r.behind_ratio
    behind_text = "" if behind is None else f" ({money(behind, d, 2)} between them)"
    return (
        f"not funded: by round {r.round}, its supporters' remaining shares{behind_text} could not "
        f"pay its cost of {money(cost, d)}"
    )


def budget_to_text(count: BudgetCount) -> str:
    """The count explained: the method, the money, and one line a project on why it was or was
    not funded (in the greedy order, or the order of the file for equal shares)."""
    vote = count.vote
    d = vote.decimals
    lines: list[str] = []
    if vote.title:
        lines.append(vote.title)
    lines.append(f"Method: {_TITLES.get(count.method, count.method)}")
    lines.append(f"Budget: {money(vote.budget, d)}")
    lines.append(f"Voters: {vote.voters}")
    if count.share_ratio is not None:
        share = f"Each voter's share: {money(count.share_ratio, d, 2)}"
        if count.method.startswith("equalshares/add1"):
            share += f" (raised {count.raises} times by 1; "
            share += {
                "exhaustive": "no other project would have fitted",
                "overspend": "one more raise would have spent more than the budget",
            }.get(count.stopped_because, count.stopped_because)
            share += ")"
        lines.append(share)
    if count.comparison:
        c = count.comparison
        lines.append(
            f"Comparison with greedy: {c['prefer_equal_shares']} voters have more of their "
            f"projects funded by equal shares, {c['prefer_greedy']} by greedy; "
            f"the {c['outcome']} outcome stands"
        )
    lines.append("")
    word = _SCORE_WORD.get(vote.vote_type, "votes")
    results = count.results
    if results and results[0].place is not None:
        results = sorted(results, key=lambda r: r.place or 0)
    id_w = max(len(p.id) for p in vote.projects)
    cost_w = max(len(money(p.cost, d)) for p in vote.projects)
    for r in results:
        p = vote.projects[r.project]
        mark = "*" if r.funded else " "
        head = f"{mark} {p.id.rjust(id_w)}  {money(p.cost, d).rjust(cost_w)}  {r.score:>7} {word}"
        name = f"  {p.name}" if p.name else ""
        lines.append(f"{head}{name}")
        lines.append(f"    {_why(count, r)}")
    lines.append("")
    lines.append(
        f"Funded: {len(count.selected)} projects, {money(count.spent, d)} of "
        f"{money(vote.budget, d)}"
    )
    lines.append("Selected: " + (", ".join(vote.projects[p].id for p in count.selected) or "none"))
    return "\n".join(lines) + "\n"


def budget_to_json(count: BudgetCount) -> dict[str, Any]:
    """The count as JSON-ready data (`newcourse-budget/1`)."""
    vote = count.vote
    d = vote.decimals
    projects: list[dict[str, Any]] = []
    for r in count.results:
        p = vote.projects[r.project]
        row: dict[str, Any] = {
            "id": p.id,
            "name": p.name,
            "cost": money(p.cost, d),
            "score": r.score,
            "funded": r.funded,
            "reason": r.reason,
        }
        if r.place is not None:
            row["place"] = r.place
            row["left"] = money(r.left or 0, d)
        if r.round is not None:
            row["round"] = r.round
        if r.price_ratio is not None:
            row["price"] = money(r.price_ratio, d, 4)
        if r.behind_ratio is not None:
            row["money_behind"] = money(r.behind_ratio, d, 4)
        projects.append(row)
    out: dict[str, Any] = {
        "format": FORMAT,
        "method": count.method,
        "title": vote.title,
        "budget": money(vote.budget, d),
        "voters": vote.voters,
        "spent": money(count.spent, d),
        "selected": [vote.projects[p].id for p in count.selected],
    }
    if count.share_ratio is not None:
        out["share"] = money(count.share_ratio, d, 4)
    if count.method.startswith("equalshares/add1"):
        out["raises"] = count.raises
        out["stopped_because"] = count.stopped_because
    if count.comparison:
        out["comparison"] = dict(count.comparison)
    out["projects"] = projects
    return out


def budget_to_csv(count: BudgetCount) -> str:
    """One row a project: id, cost, score, funded (1/0), reason, and the text explanation."""
    import csv  # noqa: PLC0415 - only a CSV report needs it
    import io  # noqa: PLC0415

    vote = count.vote
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["project_id", "cost", "score", "funded", "reason", "why"])
    for r in count.results:
        p = vote.projects[r.project]
        w.writerow(
            [p.id, money(p.cost, vote.decimals), r.score, int(r.funded), r.reason, _why(count, r)]
        )
    return buf.getvalue()
