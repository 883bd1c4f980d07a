"""Exponential ElGamal on ristretto255 and the small discrete logarithm that ends a tally.

A vote m under key K with randomness r is (α, β) = (r·B, r·K + m·B). Ciphertexts add
component-wise, so the product of many ballots encrypts the sum of their votes; the sum is
small (at most the total weight times the per-option maximum), which is what makes the
final baby-step giant-step search cheap. No single ballot is ever decrypted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._errors import CryptoError
from ._group import IDENTITY, Point, Scalar, base_mul, small_mul


@dataclass(frozen=True, slots=True)
class Ciphertext:
    """An exponential-ElGamal ciphertext (α, β)."""

    alpha: Point
    beta: Point

    def __add__(self, other: Ciphertext) -> Ciphertext:
        return Ciphertext(self.alpha + other.alpha, self.beta + other.beta)

    def scaled(self, weight: int) -> Ciphertext:
        """The ciphertext of weight·m (card votes): one scalar multiplication per component."""
        if weight == 1:
            return self
        factor = Scalar.reduce(weight)
        return Ciphertext(self.alpha * factor, self.beta * factor)


ZERO_CIPHERTEXT = Ciphertext(IDENTITY, IDENTITY)
"""The neutral ciphertext: what an empty aggregate is."""


def encrypt(key: Point, m: int, r: Scalar) -> Ciphertext:
    """Encrypt the small non-negative integer m under `key` with randomness r (r ≠ 0)."""
    if m < 0:
        raise ValueError("exponential ElGamal encrypts non-negative integers")
    alpha = base_mul(r)
    shared = key * r
    # m = 0: β is r·K alone; adding 0·B (the identity) would be a wasted call.
    beta = shared + small_mul(m) if m else shared
    return Ciphertext(alpha, beta)


def decrypt_to_point(secret: Scalar, ciphertext: Ciphertext) -> Point:
    """m·B from a ciphertext, given the whole secret key (tests and single-key use only)."""
    return ciphertext.beta - ciphertext.alpha * secret


class DiscreteLogTable:
    """Baby-step giant-step for m·B with 0 ≤ m ≤ bound: √bound additions to build a dict,
    then at most √bound additions per search."""

    def __init__(self, bound: int) -> None:
        if bound < 0:
            raise ValueError("bound must be non-negative")
        self.bound = bound
        self.step = max(1, math.isqrt(bound) + 1)
        self._baby: dict[bytes, int] = {}
        point = IDENTITY
        for j in range(self.step):
            self._baby[point.encoded] = j
            point = point + small_mul(1)
        self._giant = -small_mul(self.step)

    def find(self, target: Point) -> int:
        """The m in [0, bound] with m·B == target; CryptoError if there is none."""
        point = target
        for i in range(self.bound // self.step + 1):
            j = self._baby.get(point.encoded)
            if j is not None:
                m = i * self.step + j
                if m <= self.bound:
                    return m
                break
            point = point + self._giant
        raise CryptoError(f"no discrete logarithm in [0, {self.bound}]")


def discrete_log(target: Point, bound: int) -> int:
    """The m in [0, bound] with m·B == target (see `DiscreteLogTable`)."""
    return DiscreteLogTable(bound).find(target)
