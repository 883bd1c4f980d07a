"""What the server does with the tellers' files: it relays them, assembles the public key
ceremony transcript from them, and publishes what the tellers need before they decrypt.
The server never holds a secret: every function here reads only public teller files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._board import Board
from ._codec import (
    aggregate_json,
    ceremony_json,
    complaint_decode,
    credentials_json,
    deal_decode,
    integer,
    share_decode,
    teller_key_decode,
)
from ._election import Election
from ._errors import CryptoError, TellerError
from ._group import decode_digest
from ._record import FILES, entry_json
from ._tally import Aggregate, DecryptionShare
from ._teller_steps import BUNDLE_FORMAT, INDEX_FIELDS
from ._teller_steps import FORMAT as TELLER_FORMAT
from ._tellers import KeyCeremony


def _message(document: Any, kind: str, election_id: str) -> dict[str, Any]:
    if (
        not isinstance(document, dict)
        or document.get("format") != TELLER_FORMAT
        or document.get("kind") != kind
    ):
        raise TellerError(f"not a teller {kind!r} file")
    if document.get("election_id") != election_id:
        raise TellerError(
            f"a {kind!r} file for election {document.get('election_id')!r}, not {election_id!r}"
        )
    return document


def teller_bundle(kind: str, election_id: str, documents: Sequence[Any]) -> dict[str, Any]:
    """One download for a step: the tellers' parsed `kind` files ("public-key", "commitment",
    "deal", "complaints" or "decryption-share") of this election, in teller index order:
    {"format": "newcourse-teller-bundle/1", "kind", "election_id", "messages": [...]}.
    `newcourse teller commit|deal|receive` take it in place of the single files. Raises
    TellerError for a file of another kind or election, or two files from one teller."""
    if kind not in INDEX_FIELDS:
        raise TellerError(f"no bundles of {kind!r} files; only of {', '.join(INDEX_FIELDS)}")
    field = INDEX_FIELDS[kind]
    indexed: dict[int, dict[str, Any]] = {}
    for document in documents:
        message = _message(document, kind, election_id)
        try:
            teller = integer(message.get(field), field)
        except CryptoError as error:
            raise TellerError(f"malformed teller {kind!r} file: {error}") from None
        if teller in indexed:
            raise TellerError(f"two {kind!r} files from teller {teller}")
        indexed[teller] = message
    return {
        "format": BUNDLE_FORMAT,
        "kind": kind,
        "election_id": election_id,
        "messages": [indexed[i] for i in sorted(indexed)],
    }


def ceremony_from_messages(
    *,
    election_id: str,
    threshold: int,
    public_keys: Sequence[Any],
    commitments: Sequence[Any],
    deals: Sequence[Any],
    complaints: Sequence[Any],
) -> KeyCeremony:
    """The transcript from the tellers' parsed public-key.json, commitment.json, deal.json
    and complaints.json files (any order). Raises TellerError for a file of the wrong kind
    or election, or a malformed one; the transcript's proofs are checked by `.verify()`."""
    try:
        keys = sorted(
            (teller_key_decode(_message(d, "public-key", election_id)) for d in public_keys),
            key=lambda k: k.index,
        )
        hashes = {
            int(d["dealer"]): decode_digest(d["commitment"], "commitment")
            for d in (_message(c, "commitment", election_id) for c in commitments)
        }
        dealt = sorted(
            (deal_decode(_message(d, "deal", election_id)) for d in deals), key=lambda d: d.dealer
        )
        raised = [
            complaint_decode(c)
            for d in complaints
            for c in _message(d, "complaints", election_id)["complaints"]
        ]
    except (CryptoError, KeyError, TypeError, ValueError) as error:
        raise TellerError(f"malformed teller file: {error}") from None
    return KeyCeremony(
        election_id,
        threshold,
        tuple(keys),
        tuple(hashes[i] for i in sorted(hashes)),
        tuple(dealt),
        tuple(raised),
    )


def share_from_message(document: Any, election_id: str) -> DecryptionShare:
    """A teller's decryption-share.json, parsed (verify it with `verify_decryption_share`)."""
    try:
        return share_decode(_message(document, "decryption-share", election_id))
    except (CryptoError, KeyError, TypeError) as error:
        raise TellerError(f"malformed decryption share: {error}") from None


def publish_for_tellers(
    directory: str | Path,
    *,
    election: Election,
    ceremony: KeyCeremony,
    qualified: tuple[int, ...],
    board: Board,
    aggregate: Aggregate,
) -> None:
    """Write what `newcourse teller decrypt` reads (manifest, tellers, credentials, board,
    aggregate), in the record's own formats."""
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    counted = len(board.counted())
    bodies = {
        "manifest.json": {
            "manifest": election.manifest.to_json(),
            "fingerprint": election.fingerprint.hex(),
            "election_key": election.key.hex(),
        },
        "tellers.json": ceremony_json(ceremony, qualified),
        "credentials.json": {"credentials": credentials_json(election.credentials)},
        "board.json": {"entries": [entry_json(e) for e in board.entries]},
        "aggregate.json": {
            "board_head": board.head().hex(),
            "counted": counted,
            "questions": aggregate_json(aggregate),
        },
    }
    for name, body in bodies.items():
        (path / name).write_text(
            json.dumps({"format": FILES[name], **body}, indent=1) + "\n", encoding="utf-8"
        )
