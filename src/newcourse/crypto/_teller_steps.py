"""The teller's steps as functions on files in the teller's own directory.

Secret files (mode 0600) never leave the teller's machine: teller-secret.json (long-term
key), polynomial.json (the dealer's coefficients), shares.json (verified shares received).
Public outputs, for the server to relay: public-key.json, commitment.json, deal.json,
complaints.json, decryption-share.json, and, for a count that needs each ballot,
shuffle-P.json (teller P's shuffle of the list at position P − 1). The server may relay one
step's files as a single bundle (`newcourse-teller-bundle/1`, see `_relay.teller_bundle`);
steps 2–4 take bundles and single files alike. Each step pins what it has seen (the tellers'
keys, their commitments, their deals), so a server that swaps a message later is caught.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from ._ballot import check_ballot
from ._board import Board
from ._codec import (
    aggregate_decode,
    ceremony_decode,
    complaint_json,
    credentials_decode,
    deal_decode,
    deal_json,
    integer,
    items,
    share_json,
    teller_key_decode,
    teller_key_json,
)
from ._election import Election, Manifest
from ._errors import CryptoError, InvalidEncoding, TellerError
from ._group import Point, Scalar, base_mul, decode_digest, random_scalar
from ._jsontext import MAX_FILE_BYTES, NotJsonText, read_json_file
from ._record import entry_decode, parse_document
from ._shuffle_files import ballot_list_read, board_ballot_list, teller_step_shuffle
from ._tally import Aggregate, aggregate_ballots, decryption_share_make
from ._tellers import (
    Complaint,
    TellerKey,
    dkg_commitment,
    dkg_deal,
    dkg_polynomial,
    dkg_receive,
    teller_keygen,
    teller_share,
    verify_deal_proof,
    verify_teller_key,
)

FORMAT: Final = "newcourse-teller/1"
BUNDLE_FORMAT: Final = "newcourse-teller-bundle/1"

INDEX_FIELDS: Final = {
    "public-key": "index",
    "commitment": "dealer",
    "deal": "dealer",
    "complaints": "recipient",
    "decryption-share": "teller",
}
"""The public teller files the server relays, and the field naming the teller who wrote one."""

PUBLISHED: Final = (
    "manifest.json",
    "tellers.json",
    "credentials.json",
    "board.json",
    "aggregate.json",
)
"""What step 5 reads, from a folder or from the top level of a .zip file."""

MAX_ZIP_MEMBER: Final = MAX_FILE_BYTES
"""The largest file step 5 reads out of a .zip (200 MB), so a crafted archive cannot
exhaust memory."""


def _write(path: Path, kind: str, body: dict[str, Any], *, secret: bool = False) -> Path:
    data = json.dumps({"format": FORMAT, "kind": kind, **body}, indent=1) + "\n"
    if secret:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _load(path: Path) -> Any:
    try:
        return read_json_file(path)
    except OSError as error:
        raise TellerError(f"{path}: cannot read ({error.strerror})") from None
    except NotJsonText as error:
        raise TellerError(f"{path}: {error}") from None


def _read(path: Path, kind: str) -> dict[str, Any]:
    document = _load(path)
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or document.get("kind") != kind
    ):
        raise TellerError(f"{path}: not a teller {kind!r} file")
    return document


class _Teller:
    """This teller's own state, read from its directory and checked to be one teller's."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        me = _read(directory / "teller-secret.json", "teller-secret")
        try:
            self.election_id = str(me["election_id"])
            self.index = integer(me["index"], "index")
            self.tellers = integer(me["tellers"], "tellers")
            self.threshold = integer(me["threshold"], "threshold")
            self.secret = Scalar.from_hex(me["secret"])
        except (KeyError, CryptoError) as error:
            raise TellerError(f"teller-secret.json: malformed ({error})") from None
        self.key = base_mul(self.secret)

    def same_election(self, document: dict[str, Any], path: str | Path) -> None:
        if document.get("election_id") != self.election_id:
            raise TellerError(
                f"{path}: for election {document.get('election_id')!r}, "
                f"this teller is in {self.election_id!r}"
            )

    def pinned_keys(self) -> tuple[TellerKey, ...]:
        data = _read(self.directory / "tellers.json", "tellers")
        return tuple(teller_key_decode(k) for k in data["tellers"])

    def messages(
        self, files: Sequence[str | Path], kind: str
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """(where, document) for every `kind` message of this election in `files`, each a
        single teller file or a bundle of them, in the order given. The same message given
        twice is taken once; two different messages from one teller are refused."""
        field = INDEX_FIELDS[kind]
        seen: dict[int, tuple[str, dict[str, Any]]] = {}
        for name in files:
            path = Path(name)
            document = _load(path)
            if isinstance(document, dict) and document.get("format") == BUNDLE_FORMAT:
                found = self._bundle(path, document, kind)
            else:
                found = [(str(path), document)]
            for where, message in found:
                if (
                    not isinstance(message, dict)
                    or message.get("format") != FORMAT
                    or message.get("kind") != kind
                ):
                    raise TellerError(f"{where}: not a teller {kind!r} file")
                self.same_election(message, where)
                try:
                    teller = integer(message.get(field), field)
                except InvalidEncoding as error:
                    raise TellerError(f"{where}: {error}") from None
                if teller in seen:
                    if seen[teller][1] != message:
                        raise TellerError(
                            f"two different {kind!r} files from teller {teller}: "
                            f"{seen[teller][0]} and {where}"
                        )
                    continue
                seen[teller] = (where, message)
                yield where, message

    def _bundle(
        self, path: Path, bundle: dict[str, Any], kind: str
    ) -> list[tuple[str, dict[str, Any]]]:
        if bundle.get("kind") != kind:
            raise TellerError(
                f"{path}: a bundle of {bundle.get('kind')!r} files; this step needs {kind!r} files"
            )
        self.same_election(bundle, path)
        messages = bundle.get("messages")
        if not isinstance(messages, list):
            raise TellerError(f"{path}: a bundle without a list of messages")
        return [(f"{path} (message {n})", m) for n, m in enumerate(messages, 1)]


def teller_step_keygen(
    directory: str | Path, *, election_id: str, index: int, tellers: int, threshold: int
) -> Path:
    """Step 1: make the long-term key; write teller-secret.json and public-key.json."""
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    if (path / "teller-secret.json").exists():
        raise TellerError(f"{path}: already holds a teller key; use a new directory")
    if not 1 <= index <= tellers or not 1 <= threshold <= tellers:
        raise TellerError("need 1 <= index <= tellers and 1 <= threshold <= tellers")
    secret, key = teller_keygen(
        election_id=election_id,
        index=index,
        tellers=tellers,
        threshold=threshold,
        rng=random_scalar,
    )
    common = {"election_id": election_id, "tellers": tellers, "threshold": threshold}
    _write(
        path / "teller-secret.json",
        "teller-secret",
        {**common, "index": index, "secret": secret.hex()},
        secret=True,
    )
    return _write(path / "public-key.json", "public-key", {**common, **teller_key_json(key)})


def teller_step_commit(directory: str | Path, key_files: Sequence[str | Path]) -> Path:
    """Step 2: check every teller's key, pin them, draw the polynomial, publish its hash."""
    me = _Teller(Path(directory))
    keys: dict[int, TellerKey] = {}
    for name, document in me.messages(key_files, "public-key"):
        key = teller_key_decode(document)
        if not verify_teller_key(me.election_id, me.tellers, me.threshold, key):
            raise TellerError(f"{name}: teller {key.index}'s key proof does not verify")
        keys[key.index] = key
    if sorted(keys) != list(range(1, me.tellers + 1)):
        raise TellerError(f"need the public keys of tellers 1..{me.tellers}, got {sorted(keys)}")
    if keys[me.index].key != me.key:
        raise TellerError(f"the key given for teller {me.index} is not this teller's")
    ordered = tuple(keys[i] for i in sorted(keys))
    _write(
        me.directory / "tellers.json",
        "tellers",
        {"election_id": me.election_id, "tellers": [teller_key_json(k) for k in ordered]},
    )
    polynomial = dkg_polynomial(me.threshold, random_scalar)
    _write(
        me.directory / "polynomial.json",
        "polynomial",
        {"election_id": me.election_id, "coefficients": [a.hex() for a in polynomial]},
        secret=True,
    )
    commitment = dkg_commitment(me.election_id, me.index, [base_mul(a) for a in polynomial])
    return _write(
        me.directory / "commitment.json",
        "commitment",
        {"election_id": me.election_id, "dealer": me.index, "commitment": commitment.hex()},
    )


def teller_step_deal(directory: str | Path, commitment_files: Sequence[str | Path]) -> Path:
    """Step 3: once every commitment is in, pin them and reveal: deal.json."""
    me = _Teller(Path(directory))
    commitments: dict[int, str] = {}
    for _, document in me.messages(commitment_files, "commitment"):
        commitments[integer(document["dealer"], "dealer")] = document["commitment"]
    if sorted(commitments) != list(range(1, me.tellers + 1)):
        raise TellerError("need the commitments of all tellers before revealing")
    polynomial = tuple(
        Scalar.from_hex(a)
        for a in _read(me.directory / "polynomial.json", "polynomial")["coefficients"]
    )
    own = dkg_commitment(me.election_id, me.index, [base_mul(a) for a in polynomial])
    if decode_digest(commitments[me.index], "commitment") != own:
        raise TellerError("the commitment given for this teller is not its own")
    _write(
        me.directory / "commitments.json",
        "commitments",
        {
            "election_id": me.election_id,
            "commitments": [commitments[i] for i in sorted(commitments)],
        },
    )
    deal = dkg_deal(
        election_id=me.election_id,
        dealer=me.index,
        tellers=me.pinned_keys(),
        threshold=me.threshold,
        polynomial=polynomial,
        rng=random_scalar,
    )
    return _write(
        me.directory / "deal.json", "deal", {"election_id": me.election_id, **deal_json(deal)}
    )


def teller_step_receive(directory: str | Path, deal_files: Sequence[str | Path]) -> Path:
    """Step 4: check every deal against its commitment and proof, open this teller's share,
    keep the good ones (shares.json) and publish complaints (complaints.json, maybe empty)."""
    me = _Teller(Path(directory))
    keys = me.pinned_keys()
    committed = [
        decode_digest(c, "commitment")
        for c in _read(me.directory / "commitments.json", "commitments")["commitments"]
    ]
    shares: dict[str, str] = {}
    complaints: list[Complaint] = []
    seen = set()
    for name, document in me.messages(deal_files, "deal"):
        deal = deal_decode(document)
        if not 1 <= deal.dealer <= me.tellers or deal.dealer in seen:
            raise TellerError(f"{name}: unexpected dealer {deal.dealer}")
        seen.add(deal.dealer)
        if (
            dkg_commitment(me.election_id, deal.dealer, deal.coefficients)
            != committed[deal.dealer - 1]
        ):
            raise TellerError(
                f"{name}: dealer {deal.dealer} revealed other commitments than it committed to"
            )
        if not verify_deal_proof(me.election_id, me.tellers, me.threshold, deal):
            raise TellerError(f"{name}: dealer {deal.dealer}'s proof of knowledge fails")
        outcome = dkg_receive(
            election_id=me.election_id,
            recipient=me.index,
            secret=me.secret,
            tellers=keys,
            deal=deal,
            rng=random_scalar,
        )
        if isinstance(outcome, Complaint):
            complaints.append(outcome)
        else:
            shares[str(deal.dealer)] = outcome.hex()
    if len(seen) != me.tellers:
        raise TellerError(f"need the deals of all {me.tellers} tellers")
    _write(
        me.directory / "shares.json",
        "shares",
        {"election_id": me.election_id, "shares": shares},
        secret=True,
    )
    return _write(
        me.directory / "complaints.json",
        "complaints",
        {
            "election_id": me.election_id,
            "recipient": me.index,
            "complaints": [complaint_json(c) for c in complaints],
        },
    )


def _published(source: Path) -> dict[str, bytes]:
    """The bytes of the files step 5 reads, from the folder `source` or, if it is a file, from
    the top level of the .zip archive it is."""
    if source.is_dir():
        found = {}
        for name in PUBLISHED:
            try:
                if (source / name).stat().st_size > MAX_FILE_BYTES:
                    raise TellerError(f"{source / name}: over {MAX_FILE_BYTES // 2**20} MB")
                found[name] = (source / name).read_bytes()
            except OSError as error:
                raise TellerError(f"{source / name}: cannot read ({error.strerror})") from None
        return found
    try:
        with zipfile.ZipFile(source) as archive:
            return _from_zip(source, archive)
    except OSError as error:
        raise TellerError(f"{source}: cannot read ({error.strerror})") from None
    except (zipfile.BadZipFile, EOFError, RuntimeError) as error:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression
        raise TellerError(f"{source}: not a folder or a readable .zip file ({error})") from None


def _from_zip(source: Path, archive: zipfile.ZipFile) -> dict[str, bytes]:
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        if "/" in name or "\\" in name or ".." in name:
            raise TellerError(
                f"{source}: holds {name!r}; the files must be at the top level of the .zip, "
                "with no folders and no '..'"
            )
        if name in members:
            raise TellerError(f"{source}: holds {name!r} twice")
        members[name] = info
    found = {}
    for name in PUBLISHED:
        if name not in members:
            raise TellerError(f"{source}: has no {name} at its top level")
        if members[name].file_size > MAX_ZIP_MEMBER:
            raise TellerError(f"{source}: {name} is over {MAX_ZIP_MEMBER // 2**20} MB")
        with archive.open(members[name]) as handle:
            data = handle.read(MAX_ZIP_MEMBER + 1)
        if len(data) > MAX_ZIP_MEMBER:  # pragma: no cover - zipfile stops at file_size
            raise TellerError(f"{source}: {name} is over {MAX_ZIP_MEMBER // 2**20} MB")
        found[name] = data
    return found


def _published_election(
    me: _Teller, source: Path
) -> tuple[Election, Board, Aggregate, tuple[int, ...], dict[int, Point]]:
    """The election as published in `source` (a folder or a .zip), checked to be the one this
    teller took part in (its election, the tellers' keys and commitments it pinned), with the
    board rebuilt from its checked ballots and the published aggregate (not yet checked)."""
    docs = {name: parse_document(name, data) for name, data in _published(source).items()}
    try:
        manifest = Manifest.from_json(docs["manifest.json"]["manifest"])
        ceremony, _ = ceremony_decode(docs["tellers.json"])
        credentials = credentials_decode(docs["credentials.json"]["credentials"])
        entries = [entry_decode(e) for e in items(docs["board.json"]["entries"], "entries")]
        published = aggregate_decode(docs["aggregate.json"]["questions"])
    except (KeyError, TypeError, InvalidEncoding) as error:
        raise TellerError(f"{source}: malformed ({error})") from None
    if ceremony.election_id != me.election_id:
        raise TellerError(
            f"{source}: for election {ceremony.election_id!r}, this teller is in {me.election_id!r}"
        )
    if ceremony.tellers != me.pinned_keys():
        raise TellerError("the published tellers' keys differ from the ones this teller saw")
    pinned = _read(me.directory / "commitments.json", "commitments")["commitments"]
    if [c.hex() for c in ceremony.commitments] != pinned:
        raise TellerError("the published commitments differ from the ones this teller saw")
    qualified, key, verification = ceremony.verify()
    election = Election(
        manifest, key, ceremony.qualified_commitments(qualified), credentials, ceremony.digest()
    )
    board = Board(election.fingerprint)
    for entry in entries:
        if board.append(check_ballot(election, entry.ballot)).hash != entry.hash:
            raise TellerError(f"board entry {entry.seq}: the hash chain is broken")
    return election, board, published, qualified, verification


def teller_step_decrypt(directory: str | Path, record: str | Path) -> Path:
    """Step 5: from the published manifest, tellers, credentials, board and aggregate in
    `record` (a folder, or a .zip holding them at its top level), check the transcript is the
    one this teller took part in, recompute the aggregate from the board (never decrypt
    anything else), and write decryption-share.json."""
    me = _Teller(Path(directory))
    election, board, published, qualified, verification = _published_election(me, Path(record))
    received = {
        int(i): Scalar.from_hex(s)
        for i, s in _read(me.directory / "shares.json", "shares")["shares"].items()
    }
    secret = teller_share(received, qualified)
    if base_mul(secret) != verification[me.index]:
        raise TellerError("this teller's shares do not match its verification key")
    if aggregate_ballots(election, board.counted()) != published:
        raise TellerError(
            "the aggregate is not the sum of the board's counted ballots: refusing to decrypt it"
        )
    share = decryption_share_make(
        election=election, teller=me.index, secret=secret, aggregate=published, rng=random_scalar
    )
    return _write(
        me.directory / "decryption-share.json",
        "decryption-share",
        {"election_id": me.election_id, **share_json(share)},
    )


def teller_step_shuffle_turn(
    directory: str | Path,
    source: str | Path,
    target: str | Path | None = None,
    *,
    published: str | Path | None = None,
    jobs: int = 1,
) -> Path:
    """This teller's turn in the shuffle: re-encrypt and reorder the list in `source` and
    write it with its proof to `target` (default shuffle-P.json in the teller's directory),
    never over an existing file.

    Tellers shuffle in the order of their numbers, teller i at position i: so the list given
    must be of this teller's election and at position i − 1 (the board's list for teller 1),
    which keeps a server from skipping a teller or having one shuffle twice. With
    `published` (the files `decrypt` reads, a folder or a .zip), the list must also be under
    the election key of the ceremony this teller took part in — a list under a key the server
    knows would let it undo the re-encryption — and, for teller 1, be the board's counted
    ballots. Nothing secret is read or written: the permutation and randomness are drawn
    here and forgotten."""
    me = _Teller(Path(directory))
    previous = ballot_list_read(source)
    if previous.election_id != me.election_id:
        raise TellerError(
            f"{source}: for election {previous.election_id!r}, this teller is in {me.election_id!r}"
        )
    if previous.position != me.index - 1:
        raise TellerError(
            f"{source}: the list at position {previous.position}; teller {me.index} shuffles "
            f"the list at position {me.index - 1}"
            + (" (the board's)" if me.index == 1 else f" (teller {me.index - 1}'s shuffle)")
        )
    if published is not None:
        election, board, *_ = _published_election(me, Path(published))
        if previous.key != election.key or previous.fingerprint != election.fingerprint:
            raise TellerError(
                f"{source}: not under the election key and fingerprint of the ceremony this "
                "teller took part in: refusing to shuffle it"
            )
        start = board_ballot_list(
            me.election_id,
            election.fingerprint,
            election.key,
            ([answer.choices for answer in ballot.answers] for ballot in board.counted()),
        )
        if any(credential.weight != 1 for credential in election.credentials):
            raise TellerError(
                "a shuffled count needs every credential to weigh 1: a card vote would lose "
                "its weight in the shuffle"
            )
        if previous.position == 0 and previous.ballots != start.ballots:
            raise TellerError(f"{source}: not the board's counted ballots in board order")
    written = me.directory / f"shuffle-{me.index}.json" if target is None else Path(target)
    return teller_step_shuffle(source, written, jobs=jobs)
