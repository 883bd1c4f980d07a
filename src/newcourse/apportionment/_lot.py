"""The reproducible lot that settles a tie no membership can settle.

Standing orders settle a tie in an apportionment by lot.  A lot drawn afresh could give a
different table each time the same register is counted, and nobody could check it; this one
is drawn from the input itself: the SHA-256 of the branches and memberships, sorted by branch
name (so the order of the file does not matter), seeds each branch's ticket, the SHA-256 of
that seed and the branch name.  The lower ticket wins.  The same input always gives the same
result, and anyone can recompute it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping


def lot_seed(members: Mapping[str, int]) -> bytes:
    """The SHA-256 of the sorted ``[branch, members]`` pairs as JSON: the lot's seed."""
    canonical = json.dumps(sorted(members.items()), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def lot_tickets(members: Mapping[str, int]) -> dict[str, bytes]:
    """Each branch's ticket in the lot: the lower ticket wins a tie."""
    seed = lot_seed(members)
    return {branch: hashlib.sha256(seed + branch.encode("utf-8")).digest() for branch in members}
