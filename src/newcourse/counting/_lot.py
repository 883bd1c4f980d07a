"""Drawing lots that anyone can reproduce.

A rule book that settles a tie "by lot" needs a lot nobody can rig after the fact: the seed is
stated before the count and printed in the report, and each draw hashes the seed, the draw's
number and the tied candidates' names, so the same seed and the same ballots give the same
draws on any machine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


class Lot:
    """A reproducible sequence of draws from a stated seed."""

    def __init__(self, seed: str) -> None:
        self.seed = seed
        self._draws = 0

    def choose(self, tied: Sequence[int], names: Sequence[str]) -> int:
        """Return one of `tied` (candidate numbers), drawn from the seed."""
        if not tied:
            raise ValueError("a lot needs at least one candidate")
        self._draws += 1
        ordered = sorted(tied, key=lambda c: names[c])
        material = "\x1f".join([self.seed, str(self._draws), *(names[c] for c in ordered)])
        digest = hashlib.sha256(material.encode("utf-8")).digest()
        return ordered[int.from_bytes(digest, "big") % len(ordered)]
