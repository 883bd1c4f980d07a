import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.crypto import (
    InvalidProof,
    Scalar,
    _proofs,
    aggregate_ballots,
    decryption_share_make,
    lagrange_at_zero,
    seeded_scalars,
    simulate_election,
    tally_decrypt,
    verify_decryption_share,
)

SIM = simulate_election(
    None, voters=6, tellers=5, threshold=3, seed=b"tally-tests", weights=[1, 2, 1, 1, 4, 1]
)
BALLOTS = [entry.ballot for entry in SIM.record.board]
COUNTED = [b for b in BALLOTS if b.tracker() in set(SIM.counted_trackers)]


def _shares(tellers):
    rng = seeded_scalars(b"tally-shares")
    return [
        decryption_share_make(
            election=SIM.election,
            teller=j,
            secret=SIM.teller_secrets[j],
            aggregate=SIM.record.aggregate,
            rng=rng,
        )
        for j in tellers
    ]


@pytest.mark.parametrize("subset", list(itertools.combinations(range(1, 6), 3)))
def test_tally_lagrange_coefficients_sum_to_one(subset: tuple[int, ...]) -> None:
    total = Scalar(0)
    for value in lagrange_at_zero(subset).values():
        total = total + value
    assert total == Scalar(1)


@settings(max_examples=10, deadline=None)
@given(order=st.permutations(range(len(COUNTED))))
def test_tally_aggregate_is_invariant_under_ballot_order(order: list[int]) -> None:
    shuffled = [COUNTED[i] for i in order]
    assert aggregate_ballots(SIM.election, shuffled) == SIM.record.aggregate


@pytest.mark.parametrize("tellers", [(1, 2, 3), (1, 4, 5), (2, 3, 5), (1, 2, 3, 4, 5)])
def test_tally_any_threshold_of_tellers_gives_the_weighted_totals(tellers: tuple[int, ...]) -> None:
    assert tally_decrypt(SIM.election, SIM.record.aggregate, _shares(tellers)) == SIM.expected


def test_tally_fewer_than_threshold_shares_cannot_decrypt() -> None:
    with pytest.raises(InvalidProof, match="need decryption shares from 3 different tellers"):
        tally_decrypt(SIM.election, SIM.record.aggregate, _shares((2, 4)))


def test_tally_same_teller_twice_does_not_count_twice() -> None:
    share = _shares((1,))[0]
    with pytest.raises(InvalidProof, match="3 different tellers"):
        tally_decrypt(SIM.election, SIM.record.aggregate, [share, share, _shares((2,))[0]])


# Decryption-share challenge inputs after the tag: fingerprint, teller, question, option,
# B, K_j, α, D, a, b.
@pytest.mark.parametrize("omitted", range(10))
def test_tally_decryption_share_whose_challenge_omits_an_input_is_rejected(
    monkeypatch: pytest.MonkeyPatch, omitted: int
) -> None:
    honest = _proofs.challenge

    def weak(tag: str, *fields: Any) -> Any:
        if tag == "decryption-share":
            fields = fields[:omitted] + fields[omitted + 1 :]
        return honest(tag, *fields)

    monkeypatch.setattr(_proofs, "challenge", weak)
    share = _shares((3,))[0]
    monkeypatch.setattr(_proofs, "challenge", honest)
    keys = SIM.record.ceremony.verify()[2]
    with pytest.raises(InvalidProof, match="teller 3: decryption proof for question 0 option 0"):
        verify_decryption_share(SIM.election, keys[3], SIM.record.aggregate, share)
