"""The tally: the weighted homomorphic aggregate, the tellers' decryption shares with
Chaum–Pedersen proofs, Lagrange combination of any t shares, and baby-step giant-step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ._ballot import Ballot
from ._election import Election
from ._elgamal import ZERO_CIPHERTEXT, Ciphertext, DiscreteLogTable
from ._errors import InvalidProof
from ._group import BASE, IDENTITY, Point, RandomScalars, Scalar, small_mul
from ._proofs import Proof, prove_equal_logs, verify_equal_logs

SHARE_TAG = "decryption-share"

Aggregate = tuple[tuple[Ciphertext, ...], ...]
"""One ciphertext per option, per question: the encrypted weighted totals."""


def aggregate_ballots(election: Election, ballots: Iterable[Ballot]) -> Aggregate:
    """Σ weight·ciphertext per option over the counted ballots."""
    return aggregate_ciphertexts(
        election,
        ((election.weights[b.credential.encoded], [a.choices for a in b.answers]) for b in ballots),
    )


def aggregate_ciphertexts(
    election: Election, votes: Iterable[tuple[int, Sequence[Sequence[Ciphertext]]]]
) -> Aggregate:
    """Σ weight·ciphertext per option over (weight, ciphertexts per question) pairs.

    Ballots are first summed per weight class (additions only) and each class scaled once,
    so card votes cost one scalar multiplication per weight, not per ballot."""
    shape = [len(q.options) for q in election.manifest.questions]
    by_weight: dict[int, list[list[Ciphertext]]] = {}
    for weight, choices in votes:
        sums = by_weight.setdefault(weight, [[ZERO_CIPHERTEXT] * n for n in shape])
        for row, ciphertexts in zip(sums, choices, strict=True):
            for o, choice in enumerate(ciphertexts):
                row[o] = row[o] + choice
    totals = [[ZERO_CIPHERTEXT] * n for n in shape]
    for weight, sums in sorted(by_weight.items()):
        for total_row, row in zip(totals, sums, strict=True):
            for o, ciphertext in enumerate(row):
                total_row[o] = total_row[o] + ciphertext.scaled(weight)
    return tuple(tuple(row) for row in totals)


@dataclass(frozen=True, slots=True)
class DecryptionShare:
    """Teller j's D = x_j·α for every aggregate ciphertext, each with a proof that
    log_B K_j = log_α D (c = H("decryption-share", fingerprint, j, q, o, B, K_j, α, D, a, b))."""

    teller: int
    parts: tuple[tuple[tuple[Point, Proof], ...], ...]


def decryption_share_make(
    *,
    election: Election,
    teller: int,
    secret: Scalar,
    aggregate: Aggregate,
    rng: RandomScalars,
) -> DecryptionShare:
    """A teller's decryption share of the aggregate (run on the teller's own machine)."""
    public = BASE * secret
    parts = tuple(
        tuple(
            (
                c.alpha * secret,
                prove_equal_logs(
                    SHARE_TAG,
                    [election.fingerprint, teller, q, o],
                    BASE,
                    public,
                    c.alpha,
                    c.alpha * secret,
                    secret,
                    rng,
                ),
            )
            for o, c in enumerate(row)
        )
        for q, row in enumerate(aggregate)
    )
    return DecryptionShare(teller, parts)


def verify_decryption_share(
    election: Election, key: Point, aggregate: Aggregate, share: DecryptionShare
) -> None:
    """Check every proof of a decryption share against the teller's verification key K_j;
    InvalidProof naming the question and option otherwise."""
    if [len(r) for r in share.parts] != [len(r) for r in aggregate]:
        raise InvalidProof(f"teller {share.teller}: decryption share has the wrong shape")
    for q, (row, parts) in enumerate(zip(aggregate, share.parts, strict=True)):
        for o, (c, (d, proof)) in enumerate(zip(row, parts, strict=True)):
            if not verify_equal_logs(
                SHARE_TAG, [election.fingerprint, share.teller, q, o], BASE, key, c.alpha, d, proof
            ):
                raise InvalidProof(
                    f"teller {share.teller}: decryption proof for question "
                    f"{q} option {o} does not verify"
                )


def lagrange_at_zero(indices: Sequence[int]) -> dict[int, Scalar]:
    """λ_j = Π_{k≠j} k / (k − j) mod ℓ: the weights that rebuild f(0) from f(j), j∈indices."""
    coefficients: dict[int, Scalar] = {}
    for j in indices:
        numerator, denominator = 1, 1
        for k in indices:
            if k != j:
                numerator *= k
                denominator *= k - j
        coefficients[j] = Scalar.reduce(numerator) * Scalar.reduce(denominator).inverse()
    return coefficients


def combine_shares(
    aggregate: Aggregate, shares: Sequence[DecryptionShare], threshold: int
) -> tuple[tuple[Point, ...], ...]:
    """m·B per option from any `threshold` shares: β − Σ λ_j·D_j."""
    distinct = {share.teller: share for share in shares}
    chosen = [distinct[j] for j in sorted(distinct)][:threshold]
    if len(chosen) < threshold:
        raise InvalidProof(f"need decryption shares from {threshold} different tellers")
    lambdas = lagrange_at_zero([s.teller for s in chosen])
    result = []
    for q, row in enumerate(aggregate):
        points = []
        for o, c in enumerate(row):
            combined = IDENTITY
            for share in chosen:
                combined = combined + share.parts[q][o][0] * lambdas[share.teller]
            points.append(c.beta - combined)
        result.append(tuple(points))
    return tuple(result)


def tally_decrypt(
    election: Election, aggregate: Aggregate, shares: Sequence[DecryptionShare]
) -> tuple[tuple[int, ...], ...]:
    """The totals per option from any t shares (shares must already be verified)."""
    points = combine_shares(aggregate, shares, election.manifest.threshold)
    bound = max(q.max_per_option for q in election.manifest.questions) * election.total_weight()
    table = DiscreteLogTable(bound)
    return tuple(tuple(table.find(p) for p in row) for row in points)


def check_totals(
    election: Election,
    aggregate: Aggregate,
    shares: Sequence[DecryptionShare],
    totals: Sequence[Sequence[int]],
    keys: Mapping[int, Point] | None = None,
) -> bool:
    """True if the published totals are what the shares decrypt to (m·B = β − Σ λ_j·D_j)."""
    points = combine_shares(aggregate, shares, election.manifest.threshold)
    if [len(r) for r in totals] != [len(r) for r in points]:
        return False
    return all(
        small_mul(m) == p if m >= 0 else False
        for row_m, row_p in zip(totals, points, strict=True)
        for m, p in zip(row_m, row_p, strict=True)
    )
