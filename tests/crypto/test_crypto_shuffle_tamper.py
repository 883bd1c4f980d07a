"""Every way a teller or the server could falsify a shuffle is caught, each by its own test.

A shuffle cannot be judged by decrypting it (that would undo the anonymity it exists for), so
several tampers below keep the decrypted rankings exactly as they were: only the proof shows
that a ballot was swapped for another encryption of the same ranking, which is how a teller
who knew some voters' ballots could mark them. `cheat` runs the honest prover's algorithm on
what a dishonest teller would feed it; its control test shows that, fed honestly, it passes.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.crypto import (
    BASE,
    BallotRow,
    Ciphertext,
    InvalidShuffle,
    Scalar,
    ShuffleContext,
    ShuffleProof,
    _batch,
    base_mul,
    decrypt_to_point,
    discrete_log,
    encrypt,
    seeded_scalars,
    shuffle,
    shuffle_check,
    shuffle_generators,
)
from newcourse.crypto._shuffle import Generators, _ballot, _row, prove_shuffle

SECRET = Scalar(123456789)
KEY = base_mul(SECRET)
CONTEXT = ShuffleContext("2026-executive", b"\x05" * 32, 1)
RANKINGS = [[1, 2, 3, 4], [4, 3, 2, 1], [2, 1, 4, 3], [1, 2, 3, 4], [3, 4, 1, 2], [2, 3, 1, 4]]
_RNG = seeded_scalars(b"in")
BALLOTS = tuple(tuple(encrypt(KEY, m, _RNG()) for m in ranking) for ranking in RANKINGS)
SHUFFLED, PROOF = shuffle(KEY, BALLOTS, seeded_scalars(b"teller"), CONTEXT)


def rankings(ballots: Sequence[BallotRow]) -> Counter[tuple[int, ...]]:
    return Counter(
        tuple(discrete_log(decrypt_to_point(SECRET, c), 8) for c in ballot) for ballot in ballots
    )


def refused(ballots_out: Sequence[BallotRow], proof: ShuffleProof, *, match: str) -> None:
    with pytest.raises(InvalidShuffle, match=match):
        shuffle_check(KEY, BALLOTS, ballots_out, proof, CONTEXT)


def cheat(
    permutation: list[int],
    *,
    generators: Generators | None = None,
    mix_component: int | None = None,
    context: ShuffleContext = CONTEXT,
) -> tuple[tuple[BallotRow, ...], ShuffleProof]:
    """The honest prover run on a dishonest teller's choices: `permutation` (maybe not one),
    other `generators`, or component `mix_component` of the first two output ballots
    exchanged (two ballots' ranks recombined)."""
    rng = seeded_scalars(b"cheat")
    rows_in = [_row(ballot) for ballot in BALLOTS]
    randomness = [[rng().value for _ in range(4)] for _ in permutation]
    rows_out = _batch.reencrypt_rows(
        KEY.encoded,
        [rows_in[j] for j in permutation],
        [[r.to_bytes(32, "little") for r in draws] for draws in randomness],
    )
    if mix_component is not None:
        k = slice(2 * mix_component, 2 * mix_component + 2)
        rows_out[0][k], rows_out[1][k] = rows_out[1][k], rows_out[0][k]
    proof = prove_shuffle(
        KEY,
        rows_in,
        rows_out,
        permutation,
        randomness,
        context,
        generators or shuffle_generators(context, len(permutation)),
        rng,
    )
    return tuple(_ballot(row) for row in rows_out), proof


def reencrypted(ciphertext: Ciphertext, r: int) -> Ciphertext:
    return ciphertext + encrypt(KEY, 0, Scalar(r))


def test_shuffle_tamper_control_the_cheating_harness_fed_honestly_passes() -> None:
    ballots_out, proof = cheat([3, 0, 5, 1, 4, 2])

    shuffle_check(KEY, BALLOTS, ballots_out, proof, CONTEXT)


def test_shuffle_tamper_a_ballot_replaced_by_another_encryption_of_its_ranking() -> None:
    out = list(SHUFFLED)
    (ranking,) = rankings([out[2]])
    out[2] = tuple(encrypt(KEY, m, Scalar(77 + k)) for k, m in enumerate(ranking))

    assert rankings(out) == rankings(SHUFFLED)
    refused(out, PROOF, match="does not verify")


def test_shuffle_tamper_a_ballot_replaced_by_a_new_ranking() -> None:
    out = list(SHUFFLED)
    out[0] = tuple(encrypt(KEY, m, Scalar(5 + m)) for m in (4, 1, 2, 3))

    refused(out, PROOF, match="does not verify")


def test_shuffle_tamper_a_ballot_dropped() -> None:
    refused(SHUFFLED[:-1], PROOF, match="gives back 5 ballots for 6")


def test_shuffle_tamper_a_ballot_duplicated() -> None:
    refused((*SHUFFLED, SHUFFLED[0]), PROOF, match="gives back 7 ballots for 6")


def test_shuffle_tamper_a_ballot_dropped_for_a_copy_of_another_by_the_prover() -> None:
    ballots_out, proof = cheat([3, 0, 5, 1, 4, 3])

    assert rankings(ballots_out) != rankings(BALLOTS)
    refused(ballots_out, proof, match="does not verify")


def test_shuffle_tamper_two_output_ballots_swapped_after_proving() -> None:
    out = list(SHUFFLED)
    out[1], out[4] = out[4], out[1]

    refused(out, PROOF, match="does not verify")


def test_shuffle_tamper_one_component_re_encrypted_again() -> None:
    out = list(SHUFFLED)
    out[3] = (out[3][0], reencrypted(out[3][1], 4242), *out[3][2:])

    assert rankings(out) == rankings(SHUFFLED)
    refused(out, PROOF, match="does not verify")


def test_shuffle_tamper_ranks_of_two_ballots_recombined_by_the_prover() -> None:
    ballots_out, proof = cheat([3, 0, 5, 1, 4, 2], mix_component=2)

    refused(ballots_out, proof, match="does not verify")


@pytest.mark.parametrize(
    ("field", "index"),
    [
        ("challenge", None),
        ("commitments", 0),
        ("commitments", 5),
        ("chain", 2),
        ("s1", None),
        ("s2", None),
        ("s3", None),
        ("s4", 1),
        ("s_hat", 0),
        ("s_prime", 3),
    ],
)
def test_shuffle_tamper_a_proof_value_altered(field: str, index: int | None) -> None:
    value = getattr(PROOF, field)
    if index is not None:
        values = list(value)
        values[index] = _nudged(values[index])
        altered = replace(PROOF, **{field: tuple(values)})
    else:
        altered = replace(PROOF, **{field: _nudged(value)})

    refused(SHUFFLED, altered, match="does not verify")


@pytest.mark.parametrize(
    "other",
    [
        ShuffleContext("2026-treasurer", b"\x05" * 32, 1),
        ShuffleContext("2026-executive", b"\x06" * 32, 1),
        ShuffleContext("2026-executive", b"\x05" * 32, 2),
    ],
    ids=["another-election-id", "another-fingerprint", "another-position"],
)
def test_shuffle_tamper_proof_checked_in_another_context(other: ShuffleContext) -> None:
    with pytest.raises(InvalidShuffle, match="does not verify"):
        shuffle_check(KEY, BALLOTS, SHUFFLED, PROOF, other)


def test_shuffle_tamper_proof_checked_under_another_key() -> None:
    with pytest.raises(InvalidShuffle, match="does not verify"):
        shuffle_check(base_mul(Scalar(5)), BALLOTS, SHUFFLED, PROOF, CONTEXT)


def test_shuffle_tamper_generators_derived_from_another_seed() -> None:
    elsewhere = ShuffleContext("some-other-seed", b"\x00" * 32, 1)
    ballots_out, proof = cheat([3, 0, 5, 1, 4, 2], generators=shuffle_generators(elsewhere, 6))

    refused(ballots_out, proof, match="does not verify")


def test_shuffle_tamper_generators_reused_from_the_previous_shuffle() -> None:
    second = ShuffleContext("2026-executive", b"\x05" * 32, 2)
    ballots_out, proof = cheat(
        [3, 0, 5, 1, 4, 2], generators=shuffle_generators(CONTEXT, 6), context=second
    )

    with pytest.raises(InvalidShuffle, match="does not verify"):
        shuffle_check(KEY, BALLOTS, ballots_out, proof, second)


def _nudged(value: object) -> object:
    if isinstance(value, Scalar):
        return value + Scalar(1)
    return value + BASE  # type: ignore[operator]


@settings(max_examples=15)
@given(
    mapping=st.lists(st.integers(0, 5), min_size=6, max_size=6).filter(lambda m: len(set(m)) < 6)
)
def test_shuffle_tamper_any_map_that_is_not_a_permutation_is_caught(mapping: list[int]) -> None:
    ballots_out, proof = cheat(mapping)

    refused(ballots_out, proof, match="does not verify")
