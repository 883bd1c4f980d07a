from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newcourse.crypto import (
    BallotRow,
    InvalidEncoding,
    InvalidShuffle,
    Scalar,
    ShuffleContext,
    ballot_rows_decode,
    ballot_rows_json,
    base_mul,
    decrypt_to_point,
    discrete_log,
    encrypt,
    seeded_scalars,
    shuffle,
    shuffle_check,
    shuffle_generators,
    shuffle_proof_decode,
    shuffle_proof_json,
)

SECRET = Scalar(987654321)
KEY = base_mul(SECRET)
CONTEXT = ShuffleContext("2026-committee", b"\x07" * 32, 1)


def encrypt_rankings(rankings: list[list[int]], seed: bytes) -> tuple[BallotRow, ...]:
    rng = seeded_scalars(seed)
    return tuple(tuple(encrypt(KEY, m, rng()) for m in ranking) for ranking in rankings)


def decrypt_rankings(ballots: tuple[BallotRow, ...]) -> Counter[tuple[int, ...]]:
    return Counter(
        tuple(discrete_log(decrypt_to_point(SECRET, c), 32) for c in ballot) for ballot in ballots
    )


RANKINGS = [[1, 2, 3], [3, 1, 2], [2, 3, 0], [1, 2, 3], [0, 0, 0], [3, 2, 1], [2, 1, 3]]


def test_shuffle_honest_verifies_and_keeps_every_ranking() -> None:
    ballots = encrypt_rankings(RANKINGS, b"honest")

    shuffled, proof = shuffle(KEY, ballots, seeded_scalars(b"teller-1"), CONTEXT)

    shuffle_check(KEY, ballots, shuffled, proof, CONTEXT)
    assert decrypt_rankings(shuffled) == Counter(tuple(r) for r in RANKINGS)


def test_shuffle_re_encrypts_every_ciphertext() -> None:
    ballots = encrypt_rankings(RANKINGS, b"fresh")

    shuffled, _ = shuffle(KEY, ballots, seeded_scalars(b"teller-1"), CONTEXT)

    before = {c for ballot in ballots for c in ballot}
    assert not before & {c for ballot in shuffled for c in ballot}


def test_shuffle_is_determined_by_its_randomness() -> None:
    ballots = encrypt_rankings(RANKINGS, b"repeat")

    first = shuffle(KEY, ballots, seeded_scalars(b"same"), CONTEXT)
    second = shuffle(KEY, ballots, seeded_scalars(b"same"), CONTEXT)
    third = shuffle(KEY, ballots, seeded_scalars(b"other"), CONTEXT)

    assert first == second
    assert third[0] != first[0]


def test_shuffle_of_one_ballot_of_one_ciphertext_verifies() -> None:
    ballots = encrypt_rankings([[4]], b"one")

    shuffled, proof = shuffle(KEY, ballots, seeded_scalars(b"teller"), CONTEXT)

    shuffle_check(KEY, ballots, shuffled, proof, CONTEXT)
    assert decrypt_rankings(shuffled) == Counter({(4,): 1})


def test_shuffle_chain_of_three_tellers_verifies_link_by_link() -> None:
    ballots = encrypt_rankings(RANKINGS, b"chain")
    current = ballots
    for position in (1, 2, 3):
        context = ShuffleContext("2026-committee", b"\x07" * 32, position)
        shuffled, proof = shuffle(KEY, current, seeded_scalars(bytes([position])), context)
        shuffle_check(KEY, current, shuffled, proof, context)
        current = shuffled

    assert decrypt_rankings(current) == Counter(tuple(r) for r in RANKINGS)


def test_shuffle_refuses_an_empty_list() -> None:
    with pytest.raises(InvalidShuffle, match="nothing to shuffle"):
        shuffle(KEY, (), seeded_scalars(b"empty"), CONTEXT)


def test_shuffle_refuses_ballots_of_different_widths() -> None:
    ballots = encrypt_rankings([[1, 2], [1, 2, 3]], b"widths")

    with pytest.raises(InvalidShuffle, match="ballot 1 in has 3 ciphertexts where ballot 0 has 2"):
        shuffle(KEY, ballots, seeded_scalars(b"widths"), CONTEXT)


def test_shuffle_check_refuses_ballots_out_of_another_width() -> None:
    ballots = encrypt_rankings(RANKINGS, b"narrow")
    shuffled, proof = shuffle(KEY, ballots, seeded_scalars(b"teller"), CONTEXT)
    narrowed = tuple(ballot[:2] for ballot in shuffled)

    with pytest.raises(InvalidShuffle, match="ballots of 3 ciphertexts come back with 2"):
        shuffle_check(KEY, ballots, narrowed, proof, CONTEXT)


@pytest.mark.parametrize("field", ["commitments", "chain", "s_hat", "s_prime", "s4"])
def test_shuffle_check_refuses_a_proof_of_the_wrong_shape(field: str) -> None:
    ballots = encrypt_rankings(RANKINGS, b"shape")
    shuffled, proof = shuffle(KEY, ballots, seeded_scalars(b"teller"), CONTEXT)
    values = getattr(proof, field)
    short = replace(proof, **{field: values[:-1]})

    with pytest.raises(InvalidShuffle, match=f"{field} has {len(values) - 1} values"):
        shuffle_check(KEY, ballots, shuffled, short, CONTEXT)


def test_shuffle_context_refuses_a_short_fingerprint_and_position_zero() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        ShuffleContext("e", b"\x01" * 31, 1)
    with pytest.raises(ValueError, match="count from 1"):
        ShuffleContext("e", b"\x01" * 32, 0)


def test_shuffle_generators_are_distinct_and_bound_to_their_context() -> None:
    h, hs = shuffle_generators(CONTEXT, 5)
    other_h, other_hs = shuffle_generators(ShuffleContext("2026-committee", b"\x07" * 32, 2), 5)

    assert len({h, *hs, other_h, *other_hs}) == 12
    assert shuffle_generators(CONTEXT, 3) == (h, hs[:3])
    assert not any(g.is_identity() for g in (h, *hs))


def test_shuffle_proof_json_round_trips_and_still_verifies() -> None:
    ballots = encrypt_rankings(RANKINGS, b"json")
    shuffled, proof = shuffle(KEY, ballots, seeded_scalars(b"teller"), CONTEXT)

    proof_back = shuffle_proof_decode(shuffle_proof_json(proof))
    ballots_back = ballot_rows_decode(ballot_rows_json(shuffled))

    assert proof_back == proof
    assert ballots_back == shuffled
    shuffle_check(KEY, ballots, ballots_back, proof_back, CONTEXT)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("s3"), "missing field 's3'"),
        (lambda d: d.update(extra=1), "unknown field 'extra'"),
        (lambda d: d.update(s1=d["s1"].upper()), "lowercase"),
        (lambda d: d["chain"].__setitem__(0, "00" * 32), "identity"),
        (lambda d: d.update(s2="ff" * 32), "non-canonical scalar"),
        (lambda d: d.update(s4="not a list"), "must be a list"),
    ],
)
def test_shuffle_proof_decode_is_strict(change, message: str) -> None:
    ballots = encrypt_rankings(RANKINGS[:2], b"strict")
    _, proof = shuffle(KEY, ballots, seeded_scalars(b"teller"), CONTEXT)
    data = shuffle_proof_json(proof)
    change(data)

    with pytest.raises(InvalidEncoding, match=message):
        shuffle_proof_decode(data)


def test_ballot_rows_decode_refuses_the_identity() -> None:
    data = ballot_rows_json(encrypt_rankings([[1, 2]], b"rows"))
    data[0][1]["alpha"] = "00" * 32

    with pytest.raises(InvalidEncoding, match="identity"):
        ballot_rows_decode(data)


@settings(max_examples=20)
@given(
    width=st.integers(1, 3),
    rankings=st.lists(st.lists(st.integers(0, 5), min_size=3, max_size=3), min_size=1, max_size=6),
    seed=st.binary(min_size=1, max_size=8),
)
def test_shuffle_any_small_list_verifies_and_keeps_its_rankings(
    width: int, rankings: list[list[int]], seed: bytes
) -> None:
    cut = [ranking[:width] for ranking in rankings]
    ballots = encrypt_rankings(cut, b"any" + seed)

    shuffled, proof = shuffle(KEY, ballots, seeded_scalars(seed), CONTEXT)

    shuffle_check(KEY, ballots, shuffled, proof, CONTEXT)
    assert decrypt_rankings(shuffled) == Counter(tuple(r) for r in cut)


@settings(max_examples=15)
@given(
    rankings=st.lists(st.lists(st.integers(0, 5), min_size=2, max_size=2), min_size=2, max_size=6),
    seed=st.binary(min_size=1, max_size=8),
    data=st.data(),
)
def test_shuffle_any_two_ballots_swapped_after_proving_are_caught(
    rankings: list[list[int]], seed: bytes, data: st.DataObject
) -> None:
    ballots = encrypt_rankings(rankings, b"swap" + seed)
    shuffled, proof = shuffle(KEY, ballots, seeded_scalars(seed), CONTEXT)
    i, j = data.draw(
        st.lists(st.integers(0, len(rankings) - 1), min_size=2, max_size=2, unique=True)
    )
    swapped = list(shuffled)
    swapped[i], swapped[j] = swapped[j], swapped[i]

    with pytest.raises(InvalidShuffle, match="does not verify"):
        shuffle_check(KEY, ballots, tuple(swapped), proof, CONTEXT)
