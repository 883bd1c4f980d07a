"""The shuffle as files: what a teller's `newcourse teller shuffle` reads and writes, and
what `newcourse verify` checks link by link in a record's `shuffles/` folder.

A ballot list (`newcourse-shuffle/1`, docs/crypto/shuffle.md §7):

    {"format": "newcourse-shuffle/1", "kind": "ballots" | "shuffle", "election_id": ID,
     "fingerprint": fp, "election_key": K, "position": p, "input": digest,
     "ballots": [[{"alpha", "beta"}…]…], "proof": {…}}

Kind "ballots" is the list as it left the board (position 0, no proof, no input); kind
"shuffle" is the p-th teller's output (p ≥ 1), with its proof against the list at position
p − 1 and `input`, the digest of that list's ballots (`ballots_digest`), so that a link made
from another list is named as such rather than as a failed proof. A file does not vouch for
itself: its election, key and fingerprint are compared with the election's by whoever checks
it, and each link with the list before it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ._codec import (
    ballot_rows_decode,
    ballot_rows_json,
    integer,
    shuffle_proof_decode,
    shuffle_proof_json,
)
from ._elgamal import Ciphertext
from ._errors import CryptoError, InvalidEncoding, InvalidShuffle, TellerError
from ._group import Point, RandomScalars, decode_digest, random_scalar
from ._jsontext import NotJsonText, read_json_file
from ._shuffle import BallotRow, ShuffleContext, ShuffleProof, shuffle, shuffle_check

SHUFFLE_FORMAT: Final = "newcourse-shuffle/1"


@dataclass(frozen=True, slots=True)
class BallotList:
    """One link of the tellers' chain: the list at `position` and, past 0, the proof that it
    is a shuffle of the list at position − 1."""

    election_id: str
    fingerprint: bytes
    key: Point
    position: int
    ballots: tuple[BallotRow, ...]
    proof: ShuffleProof | None = None
    input_digest: bytes | None = None

    def context(self) -> ShuffleContext:
        """The context this list's proof was made in."""
        return ShuffleContext(self.election_id, self.fingerprint, self.position)


def ballots_digest(ballots: Sequence[BallotRow]) -> bytes:
    """SHA-256 of the ballots' bytes, in order (each ballot's α‖β of every ciphertext): what a
    shuffle names as its input. Not a proof of anything (the shuffle proof binds its input);
    it tells a link made from another list from a link whose proof fails."""
    hasher = hashlib.sha256(b"newcourse-shuffle-input")
    hasher.update(len(ballots).to_bytes(8, "little"))
    for ballot in ballots:
        hasher.update(len(ballot).to_bytes(8, "little"))
        for ciphertext in ballot:
            hasher.update(ciphertext.alpha.encoded + ciphertext.beta.encoded)
    return hasher.digest()


def board_ballot_list(
    election_id: str,
    fingerprint: bytes,
    key: Point,
    ballots: Iterable[Iterable[Iterable[Ciphertext]]],
) -> BallotList:
    """Position 0 of the chain: the board's counted ballots, in board order, each as one row
    of its ciphertexts (question by question, option by option)."""
    rows = tuple(tuple(c for answer in ballot for c in answer) for ballot in ballots)
    return BallotList(election_id, fingerprint, key, 0, rows)


def ballot_list_json(ballot_list: BallotList) -> dict[str, Any]:
    """The document above, for `ballot_list`."""
    document: dict[str, Any] = {
        "format": SHUFFLE_FORMAT,
        "kind": "ballots" if ballot_list.proof is None else "shuffle",
        "election_id": ballot_list.election_id,
        "fingerprint": ballot_list.fingerprint.hex(),
        "election_key": ballot_list.key.hex(),
        "position": ballot_list.position,
        "ballots": ballot_rows_json(ballot_list.ballots),
    }
    if ballot_list.proof is not None:
        if ballot_list.input_digest is None:
            raise ValueError("a shuffle names the digest of its input list")
        document["input"] = ballot_list.input_digest.hex()
        document["proof"] = shuffle_proof_json(ballot_list.proof)
    return document


def ballot_list_read(path: str | Path) -> BallotList:
    """Read and strictly decode a ballot list; TellerError naming the file if it is not one."""
    source = Path(path)
    try:
        document = read_json_file(source)
    except OSError as error:
        raise TellerError(f"{source}: cannot read ({error.strerror})") from None
    except NotJsonText as error:
        raise TellerError(f"{source}: {error}") from None
    return ballot_list_decode(document, str(source))


def ballot_list_decode(document: Any, source: str) -> BallotList:
    """Strictly decode a ballot list read from `source` (named in the TellerError if it is
    not one)."""
    if not isinstance(document, dict) or document.get("format") != SHUFFLE_FORMAT:
        raise TellerError(f"{source}: not a {SHUFFLE_FORMAT} ballot list")
    kind = document.get("kind")
    if kind not in {"ballots", "shuffle"}:
        raise TellerError(f"{source}: a ballot list of unknown kind {kind!r}")
    try:
        ballot_list = BallotList(
            _text(document["election_id"], "election_id"),
            decode_digest(document["fingerprint"], "fingerprint"),
            Point.from_hex(document["election_key"]),
            integer(document["position"], "position"),
            ballot_rows_decode(document["ballots"]),
            shuffle_proof_decode(document["proof"]) if kind == "shuffle" else None,
            decode_digest(document["input"], "input") if kind == "shuffle" else None,
        )
    except (KeyError, TypeError, CryptoError) as error:
        raise TellerError(f"{source}: malformed ({error})") from None
    if (ballot_list.position == 0) != (kind == "ballots"):
        raise TellerError(f"{source}: a {kind!r} list cannot be at position {ballot_list.position}")
    return ballot_list


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidEncoding(f"{what} must be a string")
    return value


def ballot_list_write(path: str | Path, ballot_list: BallotList) -> Path:
    """Write `ballot_list` to a new file (never over an existing one: a published list is
    never replaced)."""
    target = Path(path)
    text = json.dumps(ballot_list_json(ballot_list), indent=1) + "\n"
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise TellerError(f"{target}: already exists; a shuffle is written to a new file") from None
    return target


def teller_step_shuffle(
    source: str | Path,
    target: str | Path,
    *,
    rng: RandomScalars = random_scalar,
    jobs: int = 1,
) -> Path:
    """Shuffle the list in `source` (the board's, or the previous teller's shuffle) as the next
    link of the chain, position + 1, and write the new list with its proof to `target`.

    The permutation and randomness are used once and forgotten: nothing secret is written,
    and nothing secret is kept (keeping them would let whoever finds them undo this link)."""
    previous = ballot_list_read(source)
    context = ShuffleContext(previous.election_id, previous.fingerprint, previous.position + 1)
    shuffled, proof = shuffle(previous.key, previous.ballots, rng, context, jobs=jobs)
    return ballot_list_write(
        target,
        BallotList(
            previous.election_id,
            previous.fingerprint,
            previous.key,
            context.position,
            shuffled,
            proof,
            ballots_digest(previous.ballots),
        ),
    )


def shuffle_link_check(
    previous: BallotList,
    current: BallotList,
    *,
    election_id: str,
    fingerprint: bytes,
    key: Point,
    jobs: int = 1,
) -> None:
    """Return if `current` is a correct shuffle of `previous` in the election given (its id,
    fingerprint and key, from its manifest, not from the files); raise InvalidShuffle
    saying why not otherwise."""
    for name, ballot_list in (("previous", previous), ("current", current)):
        if ballot_list.election_id != election_id or ballot_list.fingerprint != fingerprint:
            raise InvalidShuffle(f"the {name} list is not of election {election_id}")
        if ballot_list.key != key:
            raise InvalidShuffle(f"the {name} list names another election key")
    if current.position != previous.position + 1:
        raise InvalidShuffle(
            f"the list at position {current.position} does not follow the one at "
            f"{previous.position}"
        )
    if current.proof is None:
        raise InvalidShuffle(f"the list at position {current.position} has no proof")
    if current.input_digest != ballots_digest(previous.ballots):
        raise InvalidShuffle(
            f"the list at position {current.position} is a shuffle of another list than the "
            f"one at position {previous.position}"
        )
    shuffle_check(
        key, previous.ballots, current.ballots, current.proof, current.context(), jobs=jobs
    )
