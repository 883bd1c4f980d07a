"""The default seed is the formula docs/counting.md states, byte by byte, for any election."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.counting import Ballot, Election, default_seed


def documented_seed(election: Election, board_head: str | None = None) -> str:
    """docs/counting.md, "Ties and lots", written out independently of the library."""
    tag = "newcourse-seed/1" if board_head is None else f"newcourse-seed/1+board\x1e{board_head}"
    weights: dict[str, int] = {}
    for ballot in election.ballots:
        key = ";".join(",".join(str(c) for c in group) for group in ballot.ranking)
        weights[key] = weights.get(key, 0) + ballot.weight
    text = (
        f"{tag}\x1e{election.seats}\x1e"
        + "\x1f".join(election.candidates)
        + "\x1e"
        + ",".join(str(c) for c in sorted(election.withdrawn))
        + "\x1e"
        + "".join(f"{key}:{weights[key]}\n" for key in sorted(weights))
    )
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@st.composite
def elections(draw: st.DrawFn) -> Election:
    """Elections as code may build them: repeated rankings, equal rankings, empty papers."""
    n = draw(st.integers(1, 12))
    group = st.lists(st.integers(0, n - 1), min_size=1, max_size=3, unique=True).map(tuple)
    ballots = draw(
        st.lists(
            st.builds(Ballot, st.lists(group, max_size=5).map(tuple), st.integers(1, 10**6)),
            min_size=1,
            max_size=30,
        )
    )
    withdrawn = draw(st.frozensets(st.integers(0, n - 1), max_size=n - 1))
    names = tuple(draw(st.sampled_from(["Ann", "Zoë", "Łukasz"])) + str(c) for c in range(n))
    return Election(names, 1, tuple(ballots), withdrawn, "")


@settings(max_examples=300, deadline=None)
@given(elections(), st.none() | st.text("0123456789abcdef", min_size=64, max_size=64))
def test_the_default_seed_is_the_documented_hash(
    election: Election, board_head: str | None
) -> None:
    assert default_seed(election, board_head=board_head) == documented_seed(election, board_head)


def test_the_seed_adds_the_weights_of_papers_with_the_same_ranking() -> None:
    split = Election(
        ("A", "B"), 1, (Ballot(((0,), (1,)), 2), Ballot(((1,),), 1), Ballot(((0,), (1,)), 3))
    )
    joined = Election(("A", "B"), 1, (Ballot(((1,),), 1), Ballot(((0,), (1,)), 5)))
    assert default_seed(split) == default_seed(joined)


@pytest.mark.parametrize("weight", [True, 1.5])
def test_a_weight_that_is_not_a_whole_number_has_no_seed(weight: object) -> None:
    election = Election(("A", "B"), 1, (Ballot(((0,),), weight),))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="invalid literal"):
        default_seed(election)


def test_groups_written_as_lists_hash_as_tuples_do() -> None:
    as_lists = Election(("A", "B"), 1, (Ballot(([0, 1], [1]), 2),))  # type: ignore[arg-type]
    as_tuples = Election(("A", "B"), 1, (Ballot(((0, 1), (1,)), 2),))
    assert default_seed(as_lists) == default_seed(as_tuples) == documented_seed(as_tuples)
