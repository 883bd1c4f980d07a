"""Sigma protocols made non-interactive by Fiat–Shamir, each in (challenge, response) form.

Every challenge hashes its tag, the caller's context (which always starts with the election
fingerprint), every element of the statement and every commitment, so no proof can be moved
to another statement (the "Frozen Heart" bug class). Verifiers recompute the commitments from
(challenge, response) and compare challenges.

Conventions (written out in docs/verifiable-ballots.md):
  Schnorr, knowledge of x with P = x·G:       a = w·G;  s = w + c·x;  check a = s·G − c·P
  Chaum–Pedersen, log_G P = log_H Q (= x):     a = w·G, b = w·H;  s = w + c·x
  Disjunctive range proof, (α, β) encrypts m ∈ {lo..hi} under K with randomness r:
      for each j: a_j = s_j·B − c_j·α,  b_j = s_j·K − c_j·(β − j·B);  Σ c_j = c.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._elgamal import Ciphertext
from ._group import BASE, Point, RandomScalars, Scalar, base_mul, small_mul
from ._hashing import Field, challenge


@dataclass(frozen=True, slots=True)
class Proof:
    """A (challenge, response) pair: a Schnorr proof, a Chaum–Pedersen proof or a signature."""

    challenge: Scalar
    response: Scalar


RangeProof = tuple[Proof, ...]
"""One (c_j, s_j) per value j in lo..hi, in order."""


def _times(point: Point, scalar: Scalar) -> Point:
    return base_mul(scalar) if point is BASE else point * scalar


def prove_knowledge(
    tag: str,
    context: Sequence[Field],
    generator: Point,
    public: Point,
    secret: Scalar,
    rng: RandomScalars,
) -> Proof:
    """Schnorr proof of x with public = x·generator; c = H(tag, context…, G, P, a)."""
    w = rng()
    commitment = _times(generator, w)
    c = challenge(tag, *context, generator, public, commitment)
    return Proof(c, w + c * secret)


def verify_knowledge(
    tag: str, context: Sequence[Field], generator: Point, public: Point, proof: Proof
) -> bool:
    """Check a `prove_knowledge` proof."""
    commitment = _times(generator, proof.response) - public * proof.challenge
    return challenge(tag, *context, generator, public, commitment) == proof.challenge


def prove_equal_logs(
    tag: str,
    context: Sequence[Field],
    g: Point,
    p: Point,
    h: Point,
    q: Point,
    secret: Scalar,
    rng: RandomScalars,
) -> Proof:
    """Chaum–Pedersen proof that log_g p = log_h q; c = H(tag, context…, g, p, h, q, a, b)."""
    w = rng()
    a = _times(g, w)
    b = h * w
    c = challenge(tag, *context, g, p, h, q, a, b)
    return Proof(c, w + c * secret)


def verify_equal_logs(
    tag: str, context: Sequence[Field], g: Point, p: Point, h: Point, q: Point, proof: Proof
) -> bool:
    """Check a `prove_equal_logs` proof."""
    a = _times(g, proof.response) - p * proof.challenge
    b = h * proof.response - q * proof.challenge
    return challenge(tag, *context, g, p, h, q, a, b) == proof.challenge


def prove_range(
    tag: str,
    context: Sequence[Field],
    key: Point,
    ciphertext: Ciphertext,
    value: int,
    randomness: Scalar,
    lo: int,
    hi: int,
    rng: RandomScalars,
) -> RangeProof:
    """Disjunctive Chaum–Pedersen proof that `ciphertext` encrypts some j in lo..hi.

    Challenge: c = H(tag, context…, K, α, β, lo, hi, [a_lo, b_lo, …, a_hi, b_hi])."""
    if not lo <= value <= hi:
        raise ValueError("the value is outside the range it is proven to be in")
    alpha, beta = ciphertext.alpha, ciphertext.beta
    commitments: list[Field] = []
    simulated: dict[int, Proof] = {}
    w = rng()
    for j in range(lo, hi + 1):
        if j == value:
            commitments += [base_mul(w), key * w]
            continue
        fake = Proof(rng(), rng())
        simulated[j] = fake
        shifted = beta - small_mul(j) if j else beta
        commitments += [
            base_mul(fake.response) - alpha * fake.challenge,
            key * fake.response - shifted * fake.challenge,
        ]
    c = challenge(tag, *context, key, alpha, beta, lo, hi, commitments)
    real_challenge = c
    for fake in simulated.values():
        real_challenge = real_challenge - fake.challenge
    real = Proof(real_challenge, w + real_challenge * randomness)
    return tuple(real if j == value else simulated[j] for j in range(lo, hi + 1))


def verify_range(
    tag: str,
    context: Sequence[Field],
    key: Point,
    ciphertext: Ciphertext,
    lo: int,
    hi: int,
    proof: RangeProof,
) -> bool:
    """Check a `prove_range` proof (one (c_j, s_j) per j in lo..hi)."""
    if len(proof) != hi - lo + 1:
        return False
    alpha, beta = ciphertext.alpha, ciphertext.beta
    commitments: list[Field] = []
    total = Scalar(0)
    for j, part in zip(range(lo, hi + 1), proof, strict=True):
        shifted = beta - small_mul(j) if j else beta
        commitments += [
            base_mul(part.response) - alpha * part.challenge,
            key * part.response - shifted * part.challenge,
        ]
        total = total + part.challenge
    return challenge(tag, *context, key, alpha, beta, lo, hi, commitments) == total
