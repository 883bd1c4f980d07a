"""Instant-runoff voting against three American elections and small hand-checked cases.

Burlington 2009 (ABIF, official rounds), Minneapolis 2017 and 2013 (aggregated cast-vote
records; official winner, and the round figures of RCTab, another counting program, under the
rules the expected files describe).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newcourse.counting import Ballot, Election, ElectionError, count, read_csv
from newcourse.counting._irv import count_irv

DATA = Path(__file__).resolve().parents[1] / "data" / "counting" / "irv"


def read_abif(path: Path) -> Election:
    """A small reader for the ABIF lines the Burlington file uses (`count:A>B=C`)."""
    tokens: list[str] = []
    rows: list[tuple[int, list[list[str]]]] = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "{")):
            continue
        if line.startswith("="):
            tokens.append(line[1:].split(":", 1)[0])
            continue
        weight, _, rest = line.partition(":")
        rows.append((int(weight), [group.split("=") for group in rest.split(">")]))
    index = {t: i for i, t in enumerate(tokens)}
    grouped: dict[tuple[tuple[int, ...], ...], int] = {}
    for weight, ranking in rows:
        key = tuple(tuple(index[x] for x in g) for g in ranking)
        grouped[key] = grouped.get(key, 0) + weight
    return Election(tuple(tokens), 1, tuple(Ballot(k, w) for k, w in grouped.items()))


def _rounds(report, names):  # type: ignore[no-untyped-def]
    return [{names[c]: v for c, v in enumerate(s.votes) if v} for s in report.stages]


def test_burlington_2009_official_rounds() -> None:
    path = DATA / "burlington_2009_mayor.abif"
    expected = json.loads((DATA / "burlington_2009_mayor.abif.expected.json").read_text())
    election = read_abif(path)
    report = count_irv(election, batch=True)
    names = election.candidates
    assert [names[c] for c in report.elected] == expected["elected"]
    assert report.details["valid_ballots"] == expected["valid_ballots"]
    assert len(report.stages) == len(expected["rounds"])
    for stage, official in zip(report.stages, expected["rounds"], strict=True):
        ours = {names[c]: v for c, v in enumerate(stage.votes) if v}
        assert ours == official["votes"]
        assert stage.non_transferable == official["exhausted"]
        if "eliminated_before" in official:
            assert sorted(names[c] for c in stage.action_candidates) == sorted(
                official["eliminated_before"]
            )
    # Sequential elimination elects the same mayor.
    assert count_irv(election).elected == report.elected


@pytest.mark.parametrize(
    ("stem", "overvote"),
    [("minneapolis_2017_mayor_ballots", "skip"), ("minneapolis_2013_mayor_ballots", "exhaust")],
)
def test_minneapolis(stem: str, overvote: str) -> None:
    path = DATA / f"{stem}.csv"
    expected = json.loads((DATA / f"{stem}.csv.expected.json").read_text())
    election = read_csv(path, overvote=overvote, max_skipped=1)  # type: ignore[arg-type]
    uwi = election.candidates.index("UWI")
    report = count_irv(election, batch=True, eliminate_first=[uwi])
    names = ["Undeclared Write-ins" if n == "UWI" else n for n in election.candidates]
    assert [names[c] for c in report.elected] == expected["elected"]
    assert expected["official_result"]["winner"] == expected["elected"][0]
    peer = expected["peer_expected_rounds"]["rounds"]
    assert len(report.stages) == len(peer)
    for stage, theirs in zip(report.stages, peer, strict=True):
        ours = {names[c]: v for c, v in enumerate(stage.votes) if v}
        assert ours == {k: v for k, v in theirs["votes"].items() if v}
        if theirs.get("eliminated"):
            nxt = report.stages[stage.number] if stage.number < len(report.stages) else None
            assert nxt is not None
            assert sorted(names[c] for c in nxt.action_candidates) == sorted(theirs["eliminated"])
    # Plain sequential IRV with the default readers elects the same mayor.
    plain = count(read_csv(path), "irv")
    assert [names[c] for c in plain.elected] == expected["elected"]


def _e(names: str, *ballots: tuple[int, str]) -> Election:
    cands = tuple(names)
    return Election(
        cands,
        1,
        tuple(Ballot(tuple((cands.index(x),) for x in r), w) for w, r in ballots),
    )


def test_majority_on_first_preferences() -> None:
    report = count(_e("ABC", (6, "A"), (3, "BA"), (2, "C")), "irv")
    assert report.elected == [0]
    assert len(report.stages) == 1
    assert report.stages[0].elected == (0,)


def test_transfers_decide() -> None:
    # A 5, B 4, C 3 (C's papers go to B): B 7 beats A 5.
    report = count(_e("ABC", (5, "A"), (4, "B"), (3, "CB")), "irv")
    assert [s.votes for s in report.stages] == [(5, 4, 3), (5, 7, 0)]
    assert report.elected == [1]
    assert report.excluded == [2]
    assert report.stages[1].action == "elimination"


def test_batch_elimination_drops_hopeless_candidates_together() -> None:
    election = _e("ABCDE", (10, "A"), (9, "B"), (3, "CB"), (2, "DB"), (1, "EA"))
    batch = count_irv(election, batch=True)
    assert batch.stages[1].action_candidates == (4, 3, 2)
    sequential = count_irv(election)
    assert [s.action_candidates for s in sequential.stages[1:]] == [(4,), (3,), (2,)]
    assert batch.elected == sequential.elected == [1]


def test_tie_for_elimination_broken_by_earlier_round() -> None:
    # Round 1: A 5, B 4, C 3, D 2 (D -> C). Round 2: B 4, C 5... then B lowest.
    # Make B and C tie in round 2 and differ in round 1: C had fewer, so C goes.
    election = _e("ABCD", (6, "A"), (4, "B"), (3, "C"), (1, "DC"), (1, "DA"))
    report = count_irv(election)
    assert report.stages[1].votes == (7, 4, 4, 0)
    assert report.excluded[1] == 2
    assert report.tie_breaks[-1].rule == "previous-stage"


def test_weighted_ballots_count_by_weight() -> None:
    report = count(_e("AB", (1, "A"), (3, "B")), "irv")
    assert report.elected == [1]


def test_overvote_exhausts_when_two_tied_candidates_continue() -> None:
    election = Election(
        ("A", "B", "C"),
        1,
        (Ballot(((0, 1), (2,)), 5), Ballot(((2,),), 4), Ballot(((0,),), 3), Ballot(((1,),), 2)),
    )
    report = count_irv(election)
    assert report.stages[0].non_transferable == 5  # the A=B papers are exhausted at once
    assert report.elected == [2]


def test_irv_needs_one_seat() -> None:
    election = Election(("A", "B", "C"), 2, (Ballot(((0,),), 1),))
    with pytest.raises(ElectionError, match="one seat"):
        count(election, "irv")
    assert count(election, "irv", seats=1).elected == [0]
