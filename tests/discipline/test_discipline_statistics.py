"""The figures per body and year, so that a purge shows: who filed, against whom, outcomes,
time taken, and the charges refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.discipline.steps import NOW, days_later

from newcourse.discipline import services
from newcourse.discipline.models import Case
from newcourse.discipline.selectors import statistics
from newcourse.organisation.models import Body, Member
from newcourse.refusals import InvalidInput


def test_statistics_count_filers_accused_outcomes_and_refusals(
    heard_case: Case,
    file_charge: Callable[..., Case],
    panel: list[Member],
    officer_of: Callable[..., Member],
    tree: dict[str, Body],
    make_member: Callable[..., Member],
) -> None:
    services.case_decide(
        case=heard_case, by=panel[0], outcome="warning", reasons="Proved.",
        votes_for=panel[:3], now=days_later(6),
    )  # fmt: skip
    secretary = officer_of(tree["region"], branch=tree["south"])
    file_charge(filed_by=secretary, on_behalf_of=tree["region"], accused=make_member(tree["north"]))
    with pytest.raises(InvalidInput):
        file_charge(clauses=["10.1"])

    figures = statistics(tree["region"], NOW.year).as_json()

    assert figures == {
        "body": tree["region"].slug,
        "year": NOW.year,
        "filed": 2,
        "refused": 1,
        "filed_by": {"officers": 1, "members": 1},
        "against": {"officers": 0, "members": 2},
        "against_tendency_members": 0,
        "against_others": 2,
        "outcomes": {"warning": 1},
        "open": 2,
        "median_days_to_decide": 6,
    }
