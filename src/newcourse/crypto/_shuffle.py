"""The tellers' verifiable shuffle: re-encrypt and reorder the whole list of encrypted ballots,
and prove that the output is exactly the input re-encrypted and reordered (none dropped,
added, duplicated or changed) without revealing the order.

The proof is Terelius–Wikström's, as CHVote's protocol specification writes it (GenShuffle,
GenShuffleProof, CheckShuffleProof), in additive notation over ristretto255 with g = B, in
challenge–response form like every other proof here. docs/crypto/shuffle.md gives the exact
computation, what is hashed, and why it is sound; the names below follow it.

**Ballots of w ciphertexts.** A ranked ballot is one ciphertext per rank position, shuffled as
a unit. The proof treats a ballot as one ciphertext of the product group (G×G)^w, whose
re-encryption adds Enc(0; r_1, …, r_w) with independent r_k (Wikström's proof is stated for
any homomorphic cryptosystem; Verificatum uses it for "width" w the same way). One permutation
commitment and one commitment chain serve all w components, so only the re-encryption part
grows with w: the commitment t4 and the response s4 become w-vectors, and its check raises
every component of every ballot to the same challenge power. The product argument (t1, t2,
t3, the chain) proves that the u-weights were permuted by a permutation bound before u was
drawn; t4 then proves Σ_i ũ_i·e'_i = Σ_j u_j·e_j + Enc(0; r4) in every component k, which for
random u forces e'_i to be e_π(i) re-encrypted, component by component, under that one π.

**Generators.** h and h_1 … h_N are hashed to the group from the election's fingerprint and
id and the shuffle's position in the tellers' chain (`ShuffleContext`): nobody knows a
logarithm between them (a known one lets a teller prove a false shuffle, as in the Swiss Post
system), the verifier derives them itself, and no two shuffles share them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import _batch
from ._elgamal import Ciphertext
from ._errors import InvalidShuffle
from ._group import ORDER, Point, RandomScalars, Scalar, base_mul
from ._hashing import Field, challenge, digest, hash_to_point

BallotRow = tuple[Ciphertext, ...]
"""One ballot as the shuffle sees it: its w ciphertexts in order (one per rank position)."""


@dataclass(frozen=True, slots=True)
class ShuffleContext:
    """What binds a shuffle to its place: the election (id and fingerprint) and the shuffle's
    position in the tellers' chain (1 for the first teller to shuffle, 2 for the next, …).

    Every generator and every challenge hashes these, so a proof cannot be replayed in another
    election or at another place in the chain, and no two shuffles share generators."""

    election_id: str
    fingerprint: bytes
    position: int

    def __post_init__(self) -> None:
        if len(self.fingerprint) != 32:
            raise ValueError("the fingerprint is 32 bytes")
        if not 1 <= self.position < 2**32:
            raise ValueError("shuffle positions count from 1")

    def fields(self) -> tuple[Field, ...]:
        """(fingerprint, election id, position): what opens every hash of the shuffle."""
        return (self.fingerprint, self.election_id, self.position)


@dataclass(frozen=True, slots=True)
class ShuffleProof:
    """A proof of a correct shuffle of N ballots of width w (docs/crypto/shuffle.md §3).

    `commitments` is the permutation commitment c_1 … c_N, `chain` the commitment chain
    ĉ_1 … ĉ_N; `s1`, `s2`, `s3`, `s4` (w of them), `s_hat` and `s_prime` (N each) are the
    responses to `challenge`."""

    challenge: Scalar
    commitments: tuple[Point, ...]
    chain: tuple[Point, ...]
    s1: Scalar
    s2: Scalar
    s3: Scalar
    s4: tuple[Scalar, ...]
    s_hat: tuple[Scalar, ...]
    s_prime: tuple[Scalar, ...]


Generators = tuple[Point, tuple[Point, ...]]
"""(h, (h_1, …, h_N)): the commitment generators of one shuffle."""


def shuffle_generators(context: ShuffleContext, count: int) -> Generators:
    """h = G("shuffle-generator-h", ctx…) and h_i = G("shuffle-generator", ctx…, i) for
    i = 0 … count − 1, G = `hash_to_point`: anyone recomputes them, nobody chose them."""
    fields = context.fields()
    h = hash_to_point("shuffle-generator-h", *fields)
    return h, tuple(hash_to_point("shuffle-generator", *fields, i) for i in range(count))


def shuffle(
    key: Point,
    ballots: Sequence[BallotRow],
    rng: RandomScalars,
    context: ShuffleContext,
    *,
    jobs: int = 1,
) -> tuple[tuple[BallotRow, ...], ShuffleProof]:
    """Re-encrypt every ciphertext of every ballot under `key` and reorder the ballots by a
    random permutation; return the new list and the proof that it is a shuffle of `ballots`.

    The permutation and every randomness come from `rng` (the OS CSPRNG in real use: whoever
    learns them can link the output to the input). `jobs` > 1 splits the work across that
    many processes."""
    count, width = _shape(ballots, "in")
    rows_in = [_row(ballot) for ballot in ballots]
    permutation = list(range(count))
    for i in range(count - 1, 0, -1):  # Fisher–Yates; the bias of `% (i + 1)` is below 2^-230
        j = rng().value % (i + 1)
        permutation[i], permutation[j] = permutation[j], permutation[i]
    randomness = [[rng().value for _ in range(width)] for _ in range(count)]
    with _batch.workers(jobs, count) as where:
        parts = _batch.in_slices(
            where,
            _batch.reencrypt_rows,
            count,
            [rows_in[j] for j in permutation],
            [[_le(r) for r in draws] for draws in randomness],
            shared=(key.encoded,),
        )
        rows_out = [row for part in parts for row in part]
        proof = prove_shuffle(
            key,
            rows_in,
            rows_out,
            permutation,
            randomness,
            context,
            shuffle_generators(context, count),
            rng,
            where,
        )
    return tuple(_ballot(row) for row in rows_out), proof


def prove_shuffle(
    key: Point,
    rows_in: list[_batch.Row],
    rows_out: list[_batch.Row],
    permutation: Sequence[int],
    randomness: Sequence[Sequence[int]],
    context: ShuffleContext,
    generators: Generators,
    rng: RandomScalars,
    where: _batch.Workers = _batch.HERE,
) -> ShuffleProof:
    """GenShuffleProof: the proof that rows_out[i] is rows_in[permutation[i]] with its k-th
    ciphertext re-encrypted by randomness[i][k]. The generators are a parameter so that the
    tests can show what a proof made with anyone else's is worth (nothing)."""
    count, width = len(rows_in), len(rows_in[0]) // 2
    h, hs = generators
    # Permutation commitment: c_π(i) = r_π(i)·B + h_i. (Written as a sum so that a cheating
    # "permutation" that repeats an index still gives a proof for the verifier to refuse.)
    r = [rng().value for _ in range(count)]
    commitments = [base_mul(Scalar(r_j)) for r_j in r]
    for i, j in enumerate(permutation):
        commitments[j] = commitments[j] + hs[i]
    statement = statement_digest(context, key, width, rows_in, rows_out, commitments)
    u = shuffle_weights(statement, count)
    u_perm = [u[j] for j in permutation]
    # Commitment chain ĉ_i = r̂_i·B + ũ_i·ĉ_(i−1), ĉ_(−1) = h: proves Π ũ_i = Π u_j.
    r_hat = [rng().value for _ in range(count)]
    chain: list[Point] = []
    previous = h
    for r_hat_i, u_i in zip(r_hat, u_perm, strict=True):
        previous = base_mul(Scalar(r_hat_i)) + previous * Scalar(u_i)
        chain.append(previous)
    r_bar = sum(r) % ORDER
    r_chain, tail = 0, 1  # r̂ = Σ r̂_i · Π_(j>i) ũ_j
    for r_hat_i, u_i in zip(reversed(r_hat), reversed(u_perm), strict=True):
        r_chain = (r_chain + r_hat_i * tail) % ORDER
        tail = tail * u_i % ORDER
    r3 = sum(r_j * u_j for r_j, u_j in zip(r, u, strict=True)) % ORDER
    r4 = [
        sum(draws[k] * u_i for draws, u_i in zip(randomness, u_perm, strict=True)) % ORDER
        for k in range(width)
    ]
    w1, w2, w3 = rng().value, rng().value, rng().value
    w4 = [rng().value for _ in range(width)]
    w_hat = [rng().value for _ in range(count)]
    w_prime = [rng().value for _ in range(count)]
    # One pass over the output rows, each followed by its h_i: t4's and t3's sums together.
    sums = _column_sums(
        where, [[*row, g.encoded] for row, g in zip(rows_out, hs, strict=True)], w_prime
    )
    t1 = base_mul(Scalar(w1))
    t2 = base_mul(Scalar(w2))
    t3 = base_mul(Scalar(w3)) + Point._trusted(sums[-1])
    t4 = _t4(key, sums[:-1], w4)
    parts = _batch.in_slices(
        where,
        _batch.base_plus_products,
        count,
        [_le(x) for x in w_hat],
        [p.encoded for p in (h, *chain[:-1])],
        [_le(x) for x in w_prime],
    )
    t_hat = [Point._trusted(term) for part in parts for term in part]
    c = _final_challenge(context, statement, chain, t1, t2, t3, t4, t_hat)
    cv = c.value
    return ShuffleProof(
        challenge=c,
        commitments=tuple(commitments),
        chain=tuple(chain),
        s1=Scalar((w1 + cv * r_bar) % ORDER),
        s2=Scalar((w2 + cv * r_chain) % ORDER),
        s3=Scalar((w3 + cv * r3) % ORDER),
        s4=tuple(Scalar((w4[k] + cv * r4[k]) % ORDER) for k in range(width)),
        s_hat=tuple(Scalar((a + cv * b) % ORDER) for a, b in zip(w_hat, r_hat, strict=True)),
        s_prime=tuple(Scalar((a + cv * b) % ORDER) for a, b in zip(w_prime, u_perm, strict=True)),
    )


def shuffle_check(
    key: Point,
    ballots_in: Sequence[BallotRow],
    ballots_out: Sequence[BallotRow],
    proof: ShuffleProof,
    context: ShuffleContext,
    *,
    jobs: int = 1,
) -> None:
    """CheckShuffleProof: return if `ballots_out` is proven to be `ballots_in` re-encrypted
    under `key` and reordered, in the shuffle `context` names; raise InvalidShuffle saying
    why not otherwise. `jobs` > 1 splits the work across that many processes."""
    count, width = _shape(ballots_in, "in")
    count_out, width_out = _shape(ballots_out, "out")
    if count_out != count:
        raise InvalidShuffle(f"the shuffle gives back {count_out} ballots for {count}")
    if width_out != width:
        raise InvalidShuffle(f"ballots of {width} ciphertexts come back with {width_out}")
    for name, values, wanted in (
        ("commitments", proof.commitments, count),
        ("chain", proof.chain, count),
        ("s_hat", proof.s_hat, count),
        ("s_prime", proof.s_prime, count),
        ("s4", proof.s4, width),
    ):
        if len(values) != wanted:
            raise InvalidShuffle(f"the proof's {name} has {len(values)} values, not {wanted}")
    rows_in = [_row(ballot) for ballot in ballots_in]
    rows_out = [_row(ballot) for ballot in ballots_out]
    h, hs = shuffle_generators(context, count)
    statement = statement_digest(context, key, width, rows_in, rows_out, list(proof.commitments))
    u = shuffle_weights(statement, count)
    c = proof.challenge
    minus_c = -c
    with _batch.workers(jobs, count) as where:
        # Σ u_j·e_j and Σ u_j·c_j in one pass; Σ s'_i·e'_i and Σ s'_i·h_i in another.
        weighted_in = _column_sums(
            where,
            [[*row, c_j.encoded] for row, c_j in zip(rows_in, proof.commitments, strict=True)],
            u,
        )
        weighted_out = _column_sums(
            where,
            [[*row, g.encoded] for row, g in zip(rows_out, hs, strict=True)],
            [s.value for s in proof.s_prime],
        )
        t_hat = _chain_terms(where, h, proof, minus_c)
    product = 1
    for u_j in u:
        product = product * u_j % ORDER
    c_bar = _sum(proof.commitments) - _sum(hs)
    c_hat = proof.chain[-1] - h * Scalar(product)
    c_tilde = Point._trusted(weighted_in[-1])
    t1 = base_mul(proof.s1) + c_bar * minus_c
    t2 = base_mul(proof.s2) + c_hat * minus_c
    t3 = base_mul(proof.s3) + Point._trusted(weighted_out[-1]) + c_tilde * minus_c
    t4 = [
        term + Point._trusted(before) * minus_c
        for term, before in zip(
            _t4(key, weighted_out[:-1], [s.value for s in proof.s4]), weighted_in[:-1], strict=True
        )
    ]
    expected = _final_challenge(context, statement, list(proof.chain), t1, t2, t3, t4, t_hat)
    if expected != c:
        raise InvalidShuffle(
            "the proof of a correct shuffle does not verify: the ballots out are not shown to "
            f"be the {count} ballots in, re-encrypted and reordered, in shuffle "
            f"{context.position} of election {context.election_id}"
        )


def _chain_terms(
    where: _batch.Workers, h: Point, proof: ShuffleProof, minus_c: Scalar
) -> list[Point]:
    """t̂_i = ŝ_i·B + s'_i·ĉ_(i−1) − c·ĉ_i for every i (ĉ_0 = h)."""
    befores = [h.encoded, *(p.encoded for p in proof.chain[:-1])]
    parts = _batch.in_slices(
        where,
        _batch.chain_terms,
        len(proof.chain),
        befores,
        [p.encoded for p in proof.chain],
        [s.to_bytes() for s in proof.s_hat],
        [s.to_bytes() for s in proof.s_prime],
        shared=(minus_c.to_bytes(),),
    )
    return [Point._trusted(term) for part in parts for term in part]


def _column_sums(
    where: _batch.Workers, rows: list[_batch.Row], weights: Sequence[int]
) -> _batch.Row:
    parts = _batch.in_slices(where, _batch.column_sums, len(rows), rows, [_le(x) for x in weights])
    return _batch.add_columns(parts)


def _t4(key: Point, sums: _batch.Row, s4: Sequence[int]) -> list[Point]:
    """[Σ_i s'_i·α'_ik − s4_k·B, Σ_i s'_i·β'_ik − s4_k·K for each k], from the sums."""
    terms: list[Point] = []
    for k, s4_k in enumerate(s4):
        scalar = Scalar(s4_k)
        terms.append(Point._trusted(sums[2 * k]) - base_mul(scalar))
        terms.append(Point._trusted(sums[2 * k + 1]) - key * scalar)
    return terms


def statement_digest(
    context: ShuffleContext,
    key: Point,
    width: int,
    rows_in: list[_batch.Row],
    rows_out: list[_batch.Row],
    commitments: list[Point],
) -> bytes:
    """D("shuffle-statement", ctx…, K, w, N, [ballots in], [ballots out], [c_1 … c_N]), each
    ballot the bytes α_1‖β_1‖…‖α_w‖β_w: everything the weights u may depend on."""
    return digest(
        "shuffle-statement",
        *context.fields(),
        key,
        width,
        len(rows_in),
        [b"".join(row) for row in rows_in],
        [b"".join(row) for row in rows_out],
        commitments,
    )


def shuffle_weights(statement: bytes, count: int) -> list[int]:
    """u_j = H("shuffle-u", statement, j) for j = 0 … count − 1."""
    return [challenge("shuffle-u", statement, j).value for j in range(count)]


def _final_challenge(
    context: ShuffleContext,
    statement: bytes,
    chain: list[Point],
    t1: Point,
    t2: Point,
    t3: Point,
    t4: list[Point],
    t_hat: list[Point],
) -> Scalar:
    """c = H("shuffle", ctx…, statement, [ĉ], t1, t2, t3, [t4], [t̂])."""
    return challenge("shuffle", *context.fields(), statement, chain, t1, t2, t3, t4, t_hat)


def _shape(ballots: Sequence[BallotRow], side: str) -> tuple[int, int]:
    if not ballots:
        raise InvalidShuffle(f"no ballots {side}: there is nothing to shuffle")
    width = len(ballots[0])
    if width == 0:
        raise InvalidShuffle(f"ballot 0 {side} has no ciphertexts")
    for index, ballot in enumerate(ballots):
        if len(ballot) != width:
            raise InvalidShuffle(
                f"ballot {index} {side} has {len(ballot)} ciphertexts where ballot 0 has {width}"
            )
    return len(ballots), width


def _row(ballot: BallotRow) -> _batch.Row:
    return [p.encoded for c in ballot for p in (c.alpha, c.beta)]


def _ballot(row: _batch.Row) -> BallotRow:
    return tuple(
        Ciphertext(Point._trusted(row[k]), Point._trusted(row[k + 1]))
        for k in range(0, len(row), 2)
    )


def _sum(points: Sequence[Point]) -> Point:
    total = points[0]
    for point in points[1:]:
        total = total + point
    return total


def _le(value: int) -> bytes:
    return value.to_bytes(32, "little")
