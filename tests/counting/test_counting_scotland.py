"""Scottish STV against 351 real council wards and their official stage-by-stage results.

The data (tests/data/counting/scotland, see the README there for sources and licences) holds
each ward's preference profile as BLT and the official result beside it. Every candidate's
total at every stage, the non-transferable figure where the source gives it, the quota and
who was elected at which stage must agree, compared at the precision the official figure is
given with (tier B2 files at 2 decimals, as their source rounded).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from newcourse.counting import count, read_blt
from newcourse.counting._render import figure

DATA = Path(__file__).resolve().parents[1] / "data" / "counting" / "scotland"
WARDS = sorted(DATA.glob("*/*.blt"))


def bare_name(name: str) -> str:
    """The candidate's name without the party, in any of the three forms the files use."""
    name = re.sub(r'\s*"[^"]*"\s*$', "", name)  # Name "Party"
    name = re.sub(r"\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$", "", name)  # Name (Party)
    return name.strip()


def test_all_wards_present() -> None:
    assert len(WARDS) == 351


@pytest.mark.parametrize("path", WARDS, ids=[f"{p.parent.name}/{p.stem}" for p in WARDS])
def test_ward(path: Path) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text("utf-8"))
    election = read_blt(path)
    report = count(election, "scottish-stv")
    names = [bare_name(n) for n in election.candidates]
    assert names == expected["candidates"]
    assert report.seats == expected["seats"]
    assert report.details["valid_ballots"] == expected["valid_ballots"]
    assert Decimal(figure(report.quota, 5)) == Decimal(expected["quota"])  # type: ignore[arg-type]

    tolerance = Decimal("0.005") if expected["tier"] == "B2" else Decimal(0)
    assert len(report.stages) == len(expected["stages"])
    for stage, official in zip(report.stages, expected["stages"], strict=True):
        assert stage.number == official["stage"]
        transfer = official["transfer"]
        if transfer is None:
            assert stage.action == "first"
        else:
            assert stage.action == transfer["type"]
            assert [names[c] for c in stage.action_candidates] == [transfer["candidate"]]
        for name, figure_text in official["votes"].items():
            ours = stage.votes[names.index(name)]
            ours_d = Decimal(0) if ours is None else Decimal(figure(ours, 5))  # type: ignore[arg-type]
            theirs = Decimal(0) if figure_text is None else Decimal(figure_text)
            assert abs(ours_d - theirs) <= tolerance, (stage.number, name, ours_d, theirs)
        if official.get("non_transferable") is not None:
            ours_nt = Decimal(figure(stage.non_transferable, 5))  # type: ignore[arg-type]
            theirs_nt = Decimal(official["non_transferable"])
            assert abs(ours_nt - theirs_nt) <= tolerance, (stage.number, ours_nt, theirs_nt)
        # Candidates elected at the same stage are elected together; sources list them in
        # different orders (by votes, or in ballot-paper order).
        assert sorted(names[c] for c in stage.elected) == sorted(official["elected_this_stage"])
    assert sorted(names[c] for c in report.elected) == sorted(expected["elected"])
