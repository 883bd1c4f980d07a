"""Participatory budgets: greedy, greedy-no-skip and the Method of Equal Shares (with add1 and
Wieliczka's comparison step), on hand-made votes that read like the rules and on the 81 real
budgets in tests/data/pb/, whose cities' selections every count must reproduce."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.counting import (
    BUDGET_METHODS,
    BudgetProject,
    BudgetVote,
    ElectionError,
    count_budget,
    read_pabulib,
)
from newcourse.counting._budget import _Shares, greedy_order

PB = Path(__file__).resolve().parents[1] / "data" / "pb"
REAL = sorted(PB.glob("*.pb"))


def budget_vote(
    budget: int,
    costs: dict[str, int],
    ballots: list[tuple[str, int]],
    *,
    min_score: int | None = None,
) -> BudgetVote:
    """A vote from project costs and ballots written as ("A,B", how many members cast it)."""
    ids = list(costs)
    projects = tuple(BudgetProject(pid, cost) for pid, cost in costs.items())
    counted: dict[tuple[int, ...], int] = {}
    scores = [0] * len(ids)
    for text, n in ballots:
        ballot = tuple(ids.index(x) for x in text.split(",") if x)
        counted[ballot] = counted.get(ballot, 0) + n
        for p in ballot:
            scores[p] += n
    return BudgetVote(budget, projects, counted, scores=tuple(scores), min_score=min_score)


def selected(vote: BudgetVote, method: str) -> list[str]:
    return [vote.projects[p].id for p in count_budget(vote, method).selected]


# --- the real budgets -----------------------------------------------------------------------


def test_real_budgets_are_all_here() -> None:
    assert len(REAL) == 81


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_budget_counted_by_its_rule_funds_the_citys_selection(path: Path) -> None:
    vote = read_pabulib(path)
    assert vote.rule in BUDGET_METHODS

    result = count_budget(vote)

    assert sorted(vote.projects[p].id for p in result.selected) == sorted(
        p.id for p in vote.projects if p.selected
    )
    assert result.spent <= vote.budget


def test_assen_equal_shares_add1_raises_each_share_843_times() -> None:
    vote = read_pabulib(PB / "Netherlands_Assen_2024.pb")

    result = count_budget(vote)

    assert result.method == "equalshares/add1"
    assert result.raises == 843
    assert result.share == Fraction(100000, 84) + 843
    assert result.stopped_because == "overspend"
    assert [vote.projects[p].id for p in result.selected] == [
        "3", "9", "2", "11", "13", "14", "5", "6", "12"
    ]  # fmt: skip


# --- greedy ---------------------------------------------------------------------------------


def test_greedy_skips_a_project_that_does_not_fit_and_funds_the_next_that_does() -> None:
    vote = budget_vote(100, {"A": 60, "B": 50, "C": 30}, [("A", 5), ("B", 4), ("C", 3)])

    result = count_budget(vote, "greedy")

    assert selected(vote, "greedy") == ["A", "C"]
    b = result.results[1]
    assert (b.funded, b.reason, b.place, b.left) == (False, "too-dear", 2, 40)


def test_greedy_no_skip_stops_at_the_first_project_that_does_not_fit() -> None:
    vote = budget_vote(100, {"A": 60, "B": 50, "C": 30}, [("A", 5), ("B", 4), ("C", 3)])

    result = count_budget(vote, "greedy-no-skip")

    assert selected(vote, "greedy-no-skip") == ["A"]
    assert [r.reason for r in result.results] == ["fits", "too-dear", "not-reached"]


def test_greedy_tie_in_votes_goes_to_the_cheaper_project() -> None:
    vote = budget_vote(50, {"A": 40, "B": 30}, [("A", 3), ("B", 3)])

    assert selected(vote, "greedy") == ["B"]


def test_project_below_the_threshold_is_not_funded_though_it_fits() -> None:
    vote = budget_vote(100, {"A": 10, "B": 10}, [("A", 60), ("B", 49)], min_score=50)

    result = count_budget(vote, "greedy")

    assert selected(vote, "greedy") == ["A"]
    assert result.results[1].reason == "below-threshold"
    assert selected(vote, "equalshares") == ["A"]


# --- equal shares ---------------------------------------------------------------------------

RED_BLUE = budget_vote(
    100,
    {f"{c}{i}": 20 for c in "RB" for i in range(1, 6)},
    [("R1,R2,R3,R4,R5", 60), ("B1,B2,B3,B4,B5", 40)],
)


def test_greedy_gives_the_majority_everything() -> None:
    assert selected(RED_BLUE, "greedy") == ["R1", "R2", "R3", "R4", "R5"]


def test_equal_shares_gives_each_group_its_proportional_share() -> None:
    result = count_budget(RED_BLUE, "equalshares")

    assert selected(RED_BLUE, "equalshares") == ["R1", "R2", "R3", "B1", "B2"]
    assert result.share == 1
    r1 = result.results[0]
    assert (r1.round, r1.price) == (1, Fraction(1, 3))  # 20 shared by 60 members
    b1 = result.results[5]
    assert (b1.round, b1.price) == (4, Fraction(1, 2))
    b3 = result.results[7]
    assert (b3.funded, b3.reason, b3.money_behind) == (False, "unaffordable", 0)


def test_equal_shares_tie_goes_to_the_cheaper_project() -> None:
    # Ten members each behind A (10) and B (20): both are paid equally by all their
    # supporters, the same effective vote count; the cheaper comes first.
    vote = budget_vote(60, {"B": 20, "A": 10}, [("A", 10), ("B", 10), ("", 10)])

    assert selected(vote, "equalshares") == ["A", "B"]


def test_equal_shares_spends_only_supporters_money() -> None:
    # Three members back A (60), one backs B (40): B's one supporter has only 25.
    vote = budget_vote(100, {"A": 60, "B": 40}, [("A", 3), ("B", 1)])

    result = count_budget(vote, "equalshares")

    assert selected(vote, "equalshares") == ["A"]
    assert result.results[1].money_behind == 25


def test_add1_raises_the_shares_until_nothing_else_fits() -> None:
    vote = budget_vote(100, {"A": 60, "B": 40}, [("A", 3), ("B", 1)])

    result = count_budget(vote, "equalshares/add1")

    assert selected(vote, "equalshares/add1") == ["A", "B"]
    assert (result.raises, result.share, result.stopped_because) == (15, 40, "exhaustive")


def test_add1_stops_before_the_raise_that_would_overspend() -> None:
    # At a share of 40, B and C become affordable together: 50 + 40 + 40 > 100.
    vote = budget_vote(100, {"A": 50, "B": 40, "C": 40}, [("A", 2), ("B", 1), ("C", 1)])

    result = count_budget(vote, "equalshares/add1")

    assert selected(vote, "equalshares/add1") == ["A"]
    assert (result.raises, result.share, result.stopped_because) == (14, 39, "overspend")


def test_add1_comparison_takes_greedy_when_more_members_prefer_it() -> None:
    result = count_budget(RED_BLUE, "equalshares/add1-comparison")

    assert selected(RED_BLUE, "equalshares/add1") == ["R1", "R2", "R3", "B1", "B2"]
    assert [RED_BLUE.projects[p].id for p in result.selected] == ["R1", "R2", "R3", "R4", "R5"]
    assert result.comparison == {
        "prefer_equal_shares": 40,
        "prefer_greedy": 60,
        "outcome": "greedy",
    }


def test_add1_comparison_keeps_equal_shares_unless_more_prefer_greedy() -> None:
    vote = budget_vote(100, {"A": 60, "B": 40}, [("A", 3), ("B", 1)])

    result = count_budget(vote, "equalshares/add1-comparison")

    assert result.comparison["outcome"] == "equalshares/add1"
    assert [vote.projects[p].id for p in result.selected] == ["A", "B"]


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ElectionError, match="unknown participatory-budget method 'knapsack'"):
        count_budget(RED_BLUE, "knapsack")


def test_file_with_a_rule_this_count_does_not_know_needs_a_method() -> None:
    vote = read_pabulib(PB / "Netherlands_Assen_2024.pb")
    vote.rule = "knapsack"

    with pytest.raises(ElectionError, match="the file's rule 'knapsack' is not one this count"):
        count_budget(vote)
    assert count_budget(vote, "greedy").method == "greedy"


def test_file_without_a_rule_needs_a_method() -> None:
    with pytest.raises(ElectionError, match="states no rule"):
        count_budget(RED_BLUE)


# --- properties -----------------------------------------------------------------------------


@st.composite
def votes(draw: st.DrawFn) -> BudgetVote:
    n = draw(st.integers(1, 6))
    costs = {f"P{i}": draw(st.integers(0, 60)) for i in range(n)}
    ballots = [
        (",".join(sorted(draw(st.sets(st.sampled_from(list(costs)), max_size=n)))),
         draw(st.integers(1, 9)))
        for _ in range(draw(st.integers(1, 8)))
    ]  # fmt: skip
    return budget_vote(draw(st.integers(1, 150)), costs, ballots)


def naive_equal_shares(vote: BudgetVote, share: Fraction) -> list[int]:
    """Equal shares member by member, as written on equalshares.net: the reference for the
    class-based count (exact fractions, one budget per member)."""
    members = [b for b, n in vote.ballots.items() for _ in range(n)]
    budgets = [share] * len(members)
    costs = [p.cost for p in vote.projects]
    backers = [[i for i, b in enumerate(members) if p in b] for p in range(len(costs))]
    chosen = [p for p in range(len(costs)) if costs[p] == 0 and backers[p]]
    left = {p for p in range(len(costs)) if costs[p] > 0 and backers[p]}
    while True:
        best: tuple[Fraction, int, int, str] | None = None
        for p in sorted(left):
            if sum(budgets[i] for i in backers[p]) < costs[p]:
                continue
            paid, rich = Fraction(0), len(backers[p])
            for i in sorted(backers[p], key=lambda i: budgets[i]):
                if (costs[p] - paid) / rich <= budgets[i]:
                    break
                paid, rich = paid + budgets[i], rich - 1
            price = (costs[p] - paid) / rich
            key = (price / costs[p], costs[p], -len(backers[p]), vote.projects[p].id)
            if best is None or key < best:
                best = key
        if best is None:
            return chosen
        p = next(q for q in left if vote.projects[q].id == best[3])
        left.discard(p)
        chosen.append(p)
        price = best[0] * costs[p]
        for i in backers[p]:
            budgets[i] -= min(budgets[i], price)


@settings(max_examples=300)
@given(votes(), st.integers(0, 30))
def test_equal_shares_by_classes_is_equal_shares_member_by_member(
    vote: BudgetVote, raise_by: int
) -> None:
    share = Fraction(vote.budget, vote.voters) + raise_by
    ids = {p.id: i for i, p in enumerate(vote.projects)}
    assert len(ids) == len(vote.projects)

    fast, _ = _Shares(vote).run((share.numerator, share.denominator))

    assert fast == naive_equal_shares(vote, share)


@settings(max_examples=200)
@given(votes(), st.sampled_from(BUDGET_METHODS))
def test_selection_never_exceeds_the_budget(vote: BudgetVote, method: str) -> None:
    result = count_budget(vote, method)

    assert result.spent <= vote.budget
    assert len(set(result.selected)) == len(result.selected)
    assert [r.funded for r in result.results] == [
        p in result.selected for p in range(len(vote.projects))
    ]


@settings(max_examples=200)
@given(votes())
def test_greedy_no_skip_funds_a_prefix_of_the_vote_order(vote: BudgetVote) -> None:
    result = count_budget(vote, "greedy-no-skip")

    order = greedy_order(vote)
    assert result.selected == order[: len(result.selected)]
    greedy = count_budget(vote, "greedy")
    assert greedy.selected[: len(result.selected)] == result.selected
