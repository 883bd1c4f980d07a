"""List elections: seats shared among slates by their votes, filled in each slate's order,
the women's share kept, and every bad file refused by its key."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newcourse.apportionment import (
    ListRule,
    Nominee,
    Slate,
    SlatesRefused,
    list_seats,
    parse_slates,
)
from newcourse.apportionment._slates_cli import main

# The textbook example of the divisor methods (Wikipedia, "D'Hondt method"): 230,000 votes,
# 8 seats.
VOTES = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


def _slates(votes: dict[str, int], nominees: int = 8) -> list[Slate]:
    return [
        Slate(name, count, tuple(Nominee(f"{name}{n}") for n in range(1, nominees + 1)))
        for name, count in votes.items()
    ]


def _seats(result: object) -> dict[str, int]:
    return {s.name: s.seats for s in result.slates}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("method", "seats"),
    [
        ("dhondt", {"A": 4, "B": 3, "C": 1, "D": 0}),
        ("sainte-lague", {"A": 3, "B": 3, "C": 1, "D": 1}),
        # Quota 28,750: 3.48, 2.78, 1.04, 0.70; the two seats left go to B's and D's remainders.
        ("hare", {"A": 3, "B": 3, "C": 1, "D": 1}),
    ],
)
def test_each_method_gives_the_textbook_seats(method: str, seats: dict[str, int]) -> None:
    result = list_seats(_slates(VOTES), ListRule(seats=8, method=method))  # type: ignore[arg-type]
    assert _seats(result) == seats


def test_a_slate_below_the_threshold_shares_in_nothing() -> None:
    # D has 8.7% of the votes: under a 10% threshold its seat goes to the others.
    rule = ListRule(seats=8, method="hare", threshold=Fraction(1, 10))
    result = list_seats(_slates(VOTES), rule)
    assert _seats(result) == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert [s.qualified for s in result.slates] == [True, True, True, False]
    assert result.qualifying_votes == 210_000


def test_the_threshold_is_reached_by_exactly_its_share() -> None:
    rule = ListRule(seats=2, method="dhondt", threshold=Fraction(1, 4))
    result = list_seats(_slates({"A": 3, "B": 1}), rule)
    assert [s.qualified for s in result.slates] == [True, True]


def test_seats_go_to_nominees_in_the_slates_order() -> None:
    result = list_seats(_slates(VOTES), ListRule(seats=8, method="dhondt"))
    assert result.elected == ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "C1"]


def test_a_slate_never_gets_more_seats_than_nominees_the_rest_go_to_the_others() -> None:
    slates = [
        Slate("Small", 900, (Nominee("S1"), Nominee("S2"))),
        *_slates({"Other": 100}),
    ]
    result = list_seats(slates, ListRule(seats=5, method="dhondt"))
    assert _seats(result) == {"Small": 2, "Other": 3}
    assert result.vacant == 0


def test_seats_beyond_every_nominee_stay_vacant() -> None:
    slates = [Slate("Only", 10, (Nominee("O1"), Nominee("O2")))]
    result = list_seats(slates, ListRule(seats=3, method="sainte-lague"))
    assert result.elected == ["O1", "O2"]
    assert result.vacant == 1


def test_men_are_passed_over_where_the_seats_left_are_owed_to_women() -> None:
    # Three seats, half for women, rounded up: two. Man 1 takes the first seat; man 2 would
    # leave two seats for two women owed, so he is passed over, and so is man 4.
    slate = Slate(
        "Slate",
        100,
        (
            Nominee("Man 1"),
            Nominee("Man 2"),
            Nominee("Woman 3", woman=True),
            Nominee("Man 4"),
            Nominee("Woman 5", woman=True),
        ),
    )
    result = list_seats([slate], ListRule(seats=3, method="dhondt", women=Fraction(1, 2)))
    (only,) = result.slates
    assert only.elected == ("Man 1", "Woman 3", "Woman 5")
    assert only.passed_over == ("Man 2", "Man 4")
    assert only.vacant == 0


def test_a_seat_owed_to_a_woman_stays_vacant_when_the_slate_has_none_left() -> None:
    slate = Slate("Slate", 100, (Nominee("Man 1"), Nominee("Man 2"), Nominee("W", woman=True)))
    result = list_seats([slate], ListRule(seats=3, method="dhondt", women=Fraction(1, 2)))
    (only,) = result.slates
    assert only.elected == ("Man 1", "W")
    assert only.passed_over == ("Man 2",)
    assert only.vacant == 1
    assert result.vacant == 1


def test_women_beyond_their_share_are_elected_in_order_like_anyone() -> None:
    slate = Slate("Slate", 1, tuple(Nominee(f"W{n}", woman=True) for n in range(3)))
    result = list_seats([slate], ListRule(seats=2, method="hare", women=Fraction(1, 2)))
    assert result.elected == ["W0", "W1"]


def test_a_tie_is_settled_by_the_same_lot_every_time() -> None:
    rule = ListRule(seats=1, method="dhondt")
    first = list_seats(_slates({"North": 50, "South": 50}), rule).elected
    assert len(first) == 1
    for _ in range(3):
        assert list_seats(_slates({"South": 50, "North": 50}), rule).elected == first


@pytest.mark.parametrize(
    ("slates", "rule", "message"),
    [
        ([], ListRule(1, "dhondt"), "there is no slate"),
        (_slates({"A": 1}), ListRule(0, "dhondt"), "key 'seats'"),
        (_slates({"A": 1}), ListRule(1, "cube"), "key 'method'"),  # type: ignore[arg-type]
        (_slates({"A": 1}), ListRule(1, "hare", threshold=Fraction(2)), "key 'threshold'"),
        (_slates({"A": 1}) + _slates({"A": 2}), ListRule(1, "hare"), "two slates are named"),
        ([Slate("A", 1, ())], ListRule(1, "hare"), "has no nominees"),
        ([Slate("A", -1, (Nominee("x"),))], ListRule(1, "hare"), "give its votes"),
        (
            [Slate("A", 1, (Nominee("x"),)), Slate("B", 1, (Nominee("x"),))],
            ListRule(1, "hare"),
            "'x' is on two slates",
        ),
    ],
)
def test_bad_slates_are_refused_by_key(slates: list[Slate], rule: ListRule, message: str) -> None:
    with pytest.raises(SlatesRefused, match=message):
        list_seats(slates, rule)


# --- the file -------------------------------------------------------------------------------

FILE = """\
seats = 4
method = "sainte-lague"
threshold = "5%"
women = "1/2"

[[slate]]
name = "Left Platform"
votes = 412
nominees = [
    { name = "Ana Silva", woman = true },
    "Ben Okafor",
    { name = "Chloé Martin", woman = true },
]

[[slate]]
name = "Leadership"
votes = 530
nominees = ["Dan Reyes", "Eve Walker", { name = "Fatima Noor", woman = true }]

[[slate]]
name = "Independents"
votes = 30
nominees = ["Gus Lee"]
"""


def test_the_file_gives_the_slates_and_the_rule() -> None:
    slates, rule = parse_slates(FILE)
    assert rule == ListRule(4, "sainte-lague", Fraction(1, 20), Fraction(1, 2))
    assert [s.name for s in slates] == ["Left Platform", "Leadership", "Independents"]
    assert slates[0].nominees[1] == Nominee("Ben Okafor", woman=False)
    result = list_seats(slates, rule)
    # Independents: 3.1% of the votes, under 5%. Sainte-Laguë gives 2 and 2; the leadership's
    # second seat is owed to a woman, so Eve Walker is passed over for Fatima Noor.
    assert result.elected == ["Ana Silva", "Ben Okafor", "Dan Reyes", "Fatima Noor"]
    assert result.slates[1].passed_over == ("Eve Walker",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("seats = ", "not TOML"),
        (FILE.replace('method = "sainte-lague"', 'method = "borda"'), "key 'method'"),
        (FILE.replace('threshold = "5%"', 'threshold = "five"'), "key 'threshold'"),
        (FILE.replace('threshold = "5%"', "threshold = 0.05"), "key 'threshold'"),
        (FILE.replace("seats = 4", 'seats = "4"'), "key 'seats'"),
        (FILE.replace("votes = 412", "votes = 4.5"), "key 'slate 1.votes'"),
        (FILE.replace("votes = 530", "vote = 530"), "key 'slate 2.vote'"),
        (FILE.replace("women = ", "woman = "), "key 'woman'"),
        (FILE.replace('"Gus Lee"', "{ name = 'Gus Lee', woman = 'yes' }"), "slate 3.nominees"),
        ("seats = 1\nmethod = 'hare'\n", "at least one"),
    ],
)
def test_a_bad_file_is_refused_by_its_key(text: str, message: str) -> None:
    with pytest.raises(SlatesRefused, match=message):
        parse_slates(text)


def test_lists_prints_who_is_elected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "slates.toml"
    path.write_text(FILE, encoding="utf-8")
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "List election: 4 seats by Sainte-Laguë" in out
    assert "Independents: 30 votes (3.09%), 0 seats  (below the threshold)" in out
    assert "  passed over for the women's share: Eve Walker" in out
    assert out.rstrip().endswith("elected: 4 of 4; vacant: 0")
    assert main([str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["elected"] == ["Ana Silva", "Ben Okafor", "Dan Reyes", "Fatima Noor"]
    assert data["slates"][2]["qualified"] is False


def test_lists_refuses_a_bad_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "slates.toml"
    path.write_text(FILE.replace("seats = 4", "seats = 0"), encoding="utf-8")
    assert main([str(path)]) == 2
    assert capsys.readouterr().err == (
        f"error: {path}: key 'seats': give a whole number of seats from 1 to 1000000\n"
    )
    assert main([str(tmp_path / "missing.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_newcourse_lists_runs_without_django(tmp_path: Path) -> None:
    path = tmp_path / "slates.toml"
    path.write_text(FILE, encoding="utf-8")
    code = (
        "import sys; from newcourse.cli import main; code = main(['lists', sys.argv[1]]); "
        "assert 'django' not in sys.modules; sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "elected: Fatima Noor" in done.stdout


# --- what holds for any slates ----------------------------------------------------------------


@st.composite
def elections(draw: st.DrawFn) -> tuple[list[Slate], ListRule]:
    count = draw(st.integers(1, 5))
    slates = []
    for index in range(count):
        women = draw(st.lists(st.booleans(), min_size=1, max_size=6))
        nominees = tuple(Nominee(f"{index}-{n}", woman=w) for n, w in enumerate(women))
        slates.append(Slate(f"slate {index}", draw(st.integers(0, 1000)), nominees))
    rule = ListRule(
        seats=draw(st.integers(1, 12)),
        method=draw(st.sampled_from(["hare", "dhondt", "sainte-lague"])),
        threshold=Fraction(draw(st.integers(0, 20)), 100),
        women=draw(st.sampled_from([Fraction(0), Fraction(1, 3), Fraction(1, 2)])),
    )
    return slates, rule


@given(elections())
def test_every_result_keeps_the_rules(election: tuple[list[Slate], ListRule]) -> None:
    slates, rule = election
    result = list_seats(slates, rule)
    assert sum(s.seats for s in result.slates) <= rule.seats
    assert len(result.elected) + result.vacant == rule.seats
    for slate, got in zip(slates, result.slates, strict=True):
        assert got.seats <= len(slate.nominees)
        if not got.qualified:
            assert got.seats == 0
        # Those elected are in the slate's order, and never more than its seats.
        order = [n.name for n in slate.nominees]
        assert [order.index(name) for name in got.elected] == sorted(
            order.index(name) for name in got.elected
        )
        assert len(got.elected) + got.vacant == got.seats
        # The women's share is kept, or every woman on the slate is elected.
        women = {n.name for n in slate.nominees if n.woman}
        elected_women = len(women.intersection(got.elected))
        assert elected_women >= math.ceil(rule.women * got.seats) or women <= set(got.elected)
        # A vacancy only where women were owed and none was left.
        if got.vacant:
            assert women <= set(got.elected)
    # While slates have nominees to spare, every seat is given.
    if sum(len(s.nominees) for s, r in zip(slates, result.slates, strict=True) if r.qualified) >= (
        rule.seats
    ):
        assert sum(s.seats for s in result.slates) == rule.seats
