"""The election record: a directory of versioned JSON files and an index of their SHA-256.

index.json        {"format": "newcourse-election-record/1", "files": {name: sha256-hex}}
manifest.json     newcourse-manifest/1     manifest, fingerprint, election key
tellers.json      newcourse-tellers/1      the key ceremony transcript and QUAL
credentials.json  newcourse-credentials/1  public credential keys and weights (and the
                                           electorate's size, when given)
board.json        newcourse-board/1        the hash-chained ballots
audited.json      newcourse-audited/1      ballots opened by their voters (never counted)
aggregate.json    newcourse-aggregate/1    board head, counted ballots, encrypted totals
decryption.json   newcourse-decryption/1   tellers' decryption shares with proofs
result.json       newcourse-result/1       the totals per option
shuffles/P.json   newcourse-shuffle/1      optional: the tellers' shuffle chain, P = 0 (the
                                           board's counted ballots), 1, 2, … (teller P's
                                           shuffle with its proof); listed in the index too
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ._ballot import AuditedBallot, Ballot
from ._board import BoardEntry
from ._codec import (
    aggregate_decode,
    aggregate_json,
    ceremony_decode,
    ceremony_json,
    credentials_decode,
    credentials_json,
    integer,
    items,
    share_decode,
    share_json,
)
from ._election import Credential, Election, Manifest
from ._errors import CryptoError, RecordError
from ._group import Point, decode_digest
from ._jsontext import MAX_FILE_BYTES, NotJsonText, json_from_bytes, read_json_file
from ._shuffle_files import BallotList, ballot_list_decode, ballot_list_json, board_ballot_list
from ._tally import Aggregate, DecryptionShare
from ._tellers import KeyCeremony

RECORD_FORMAT: Final = "newcourse-election-record/1"
FILES: Final = {
    "manifest.json": "newcourse-manifest/1",
    "tellers.json": "newcourse-tellers/1",
    "credentials.json": "newcourse-credentials/1",
    "board.json": "newcourse-board/1",
    "audited.json": "newcourse-audited/1",
    "aggregate.json": "newcourse-aggregate/1",
    "decryption.json": "newcourse-decryption/1",
    "result.json": "newcourse-result/1",
}
SHUFFLES: Final = "shuffles"
"""The record's optional folder of the tellers' shuffle chain."""
_SHUFFLE_NAME: Final = re.compile(r"shuffles/(0|[1-9][0-9]{0,5})\.json")


@dataclass(frozen=True, slots=True)
class ElectionRecord:
    """Everything published when the result is declared."""

    manifest: Manifest
    fingerprint: bytes
    election_key: Point
    ceremony: KeyCeremony
    qualified: tuple[int, ...]
    credentials: tuple[Credential, ...]
    board: tuple[BoardEntry, ...]
    audited: tuple[AuditedBallot, ...]
    board_head: bytes
    counted: int
    aggregate: Aggregate
    shares: tuple[DecryptionShare, ...]
    totals: tuple[tuple[int, ...], ...]
    # How many electors there were, published beside the credentials so that padding shows
    # (the verifier checks there are no more credentials); None when not given.
    electorate: int | None = None
    # The tellers' shuffle chain, position 0 first; empty for a count of totals only.
    shuffles: tuple[BallotList, ...] = ()

    def election(self) -> Election:
        """The `Election` ballots are checked against."""
        return Election(
            self.manifest,
            self.election_key,
            self.ceremony.qualified_commitments(self.qualified),
            self.credentials,
            self.ceremony.digest(),
        )


def entry_json(entry: BoardEntry) -> dict[str, Any]:
    """{"seq", "prev", "supersedes", "tracker", "hash", "ballot"}."""
    return {
        "seq": entry.seq,
        "prev": entry.prev.hex(),
        "supersedes": entry.supersedes,
        "tracker": entry.tracker.hex(),
        "hash": entry.hash.hex(),
        "ballot": entry.ballot.to_json(),
    }


def record_documents(record: ElectionRecord) -> dict[str, dict[str, Any]]:
    """The JSON body of each file, format field included."""
    bodies: dict[str, dict[str, Any]] = {
        "manifest.json": {
            "manifest": record.manifest.to_json(),
            "fingerprint": record.fingerprint.hex(),
            "election_key": record.election_key.hex(),
        },
        "tellers.json": ceremony_json(record.ceremony, record.qualified),
        "credentials.json": {
            "credentials": credentials_json(record.credentials),
            **({} if record.electorate is None else {"electorate": record.electorate}),
        },
        "board.json": {"entries": [entry_json(e) for e in record.board]},
        "audited.json": {"ballots": [a.to_json() for a in record.audited]},
        "aggregate.json": {
            "board_head": record.board_head.hex(),
            "counted": record.counted,
            "questions": aggregate_json(record.aggregate),
        },
        "decryption.json": {"shares": [share_json(s) for s in record.shares]},
        "result.json": {
            "totals": [list(row) for row in record.totals],
            "questions": [
                {
                    "title": q.title,
                    "options": [
                        {"option": name, "total": total}
                        for name, total in zip(q.options, row, strict=True)
                    ],
                }
                for q, row in zip(record.manifest.questions, record.totals, strict=True)
            ],
        },
    }
    documents = {name: {"format": FILES[name], **body} for name, body in bodies.items()}
    for ballot_list in record.shuffles:
        documents[shuffle_name(ballot_list.position)] = ballot_list_json(ballot_list)
    return documents


def shuffle_start(record: ElectionRecord) -> BallotList:
    """Position 0 of the tellers' chain for this record: the board's counted ballots (the
    last per credential), in board order, each as one row of all its ciphertexts. What the
    server publishes for teller 1 to shuffle, and what the verifier compares
    shuffles/0.json with.

    Refuses (RecordError) an election where some credential weighs more than 1: a shuffled
    ballot no longer carries its credential, so a card vote would count once."""
    if any(credential.weight != 1 for credential in record.credentials):
        raise RecordError(
            "a shuffled count needs every credential to weigh 1: a card vote would lose its "
            "weight in the shuffle"
        )
    latest = {entry.ballot.credential.encoded: entry.seq for entry in record.board}
    counted = set(latest.values())
    return board_ballot_list(
        record.manifest.election_id,
        record.fingerprint,
        record.election_key,
        (
            [answer.choices for answer in entry.ballot.answers]
            for entry in record.board
            if entry.seq in counted
        ),
    )


def shuffle_name(position: int) -> str:
    """The record's file for the shuffle chain's list at `position`."""
    return f"{SHUFFLES}/{position}.json"


def record_files(record: ElectionRecord) -> dict[str, bytes]:
    """The record's files as bytes, `index.json` (the SHA-256 of every other file) last: what
    `write_record` writes, for a server that zips or hashes the record without a folder."""
    files = {
        name: _dump(document).encode("utf-8") for name, document in record_documents(record).items()
    }
    index = {
        "format": RECORD_FORMAT,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    files["index.json"] = (json.dumps(index, indent=1) + "\n").encode("utf-8")
    return files


def write_record(directory: str | Path, record: ElectionRecord) -> None:
    """Write the record's files and the index of their SHA-256 hashes into `directory`."""
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    if record.shuffles:
        (path / SHUFFLES).mkdir(exist_ok=True)
    for name, data in record_files(record).items():
        (path / name).write_bytes(data)


def _dump(document: dict[str, Any]) -> str:
    """Small files indented; the board and audited ballots one compact ballot per line,
    which keeps large records about a third smaller and easy to diff or stream."""
    long_lists = [key for key in ("entries", "ballots") if key in document]
    if not long_lists:
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    key = long_lists[0]
    head = {k: v for k, v in document.items() if k != key}
    lines = ",\n".join(
        json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in document[key]
    )
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    separator = ", " if head else ""
    return f"{opening}{separator}{json.dumps(key)}: [\n{lines}\n]}}\n"


def load_documents(directory: str | Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The index and the raw bytes of every file, or RecordError if something is missing,
    unreadable or of an unknown format."""
    path = Path(directory)
    if not path.is_dir():
        raise RecordError(f"{path}: not a directory")
    index = _parse(path / "index.json")
    if not isinstance(index, dict) or index.get("format") != RECORD_FORMAT:
        raise RecordError(f"index.json: format must be {RECORD_FORMAT!r}")
    if not isinstance(index.get("files"), dict):
        raise RecordError("index.json: 'files' must map file names to hashes")
    raw = {}
    for name in FILES:
        try:
            if (path / name).stat().st_size > MAX_FILE_BYTES:
                raise RecordError(f"{name}: over {MAX_FILE_BYTES // 2**20} MB")
            raw[name] = (path / name).read_bytes()
        except OSError as error:
            raise RecordError(f"{name}: cannot read ({error.strerror})") from None
    return index, raw


def load_shuffles(directory: str | Path, index: dict[str, Any]) -> dict[int, tuple[str, bytes]]:
    """{position: (name, bytes)} of the shuffle chain's files the index lists, or RecordError
    if one is missing or unreadable, if the index names another file under shuffles/, or if
    the folder holds a file the index does not list (a list nobody can tell was published)."""
    path = Path(directory)
    found: dict[int, tuple[str, bytes]] = {}
    for name in index["files"]:
        if not isinstance(name, str) or not name.startswith(SHUFFLES + "/"):
            continue
        match = _SHUFFLE_NAME.fullmatch(name)
        if match is None:
            raise RecordError(f"index.json: {name!r} is not a shuffle file (shuffles/P.json)")
        try:
            if (path / name).stat().st_size > MAX_FILE_BYTES:
                raise RecordError(f"{name}: over {MAX_FILE_BYTES // 2**20} MB")
            found[int(match.group(1))] = (name, (path / name).read_bytes())
        except OSError as error:
            raise RecordError(f"{name}: cannot read ({error.strerror})") from None
    folder = path / SHUFFLES
    if folder.is_dir():
        listed = {name for name, _ in found.values()}
        for child in sorted(folder.iterdir()):
            if f"{SHUFFLES}/{child.name}" not in listed:
                raise RecordError(f"{SHUFFLES}/{child.name}: not listed in index.json")
    return dict(sorted(found.items()))


def parse_shuffle(name: str, data: bytes) -> BallotList:
    """One shuffle file, strictly decoded; RecordError naming it otherwise."""
    try:
        return ballot_list_decode(json_from_bytes(data), name)
    except NotJsonText as error:
        raise RecordError(f"{name}: {error}") from None
    except CryptoError as error:
        raise RecordError(str(error)) from None


def parse_document(name: str, data: bytes) -> dict[str, Any]:
    """One file's JSON, checked for its format field; RecordError otherwise."""
    try:
        document = json_from_bytes(data)
    except NotJsonText as error:
        raise RecordError(f"{name}: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FILES[name]:
        raise RecordError(f"{name}: format must be {FILES[name]!r}")
    return document


def _parse(path: Path) -> Any:
    try:
        return read_json_file(path)
    except OSError as error:
        raise RecordError(f"{path.name}: cannot read ({error.strerror})") from None
    except NotJsonText as error:
        raise RecordError(f"{path.name}: {error}") from None


def entry_decode(data: Any) -> BoardEntry:
    """Strict decoding of one board entry (its ballot included)."""
    supersedes = data["supersedes"]
    return BoardEntry(
        integer(data["seq"], "seq"),
        decode_digest(data["prev"], "prev"),
        None if supersedes is None else integer(supersedes, "supersedes"),
        Ballot.from_json(data["ballot"]),
        decode_digest(data["tracker"], "tracker"),
        decode_digest(data["hash"], "hash"),
    )


def read_record(directory: str | Path) -> ElectionRecord:
    """Read and strictly decode a whole record (no verification: see `verify_record`).
    Raises RecordError naming the file for anything missing or malformed."""
    index, raw = load_documents(directory)
    docs = {name: parse_document(name, data) for name, data in raw.items()}
    shuffles = tuple(
        parse_shuffle(name, data) for name, data in load_shuffles(directory, index).values()
    )
    current = ""
    try:
        current = "manifest.json"
        manifest_doc = docs[current]
        manifest = Manifest.from_json(manifest_doc["manifest"])
        fingerprint = decode_digest(manifest_doc["fingerprint"], "fingerprint")
        key = Point.from_hex(manifest_doc["election_key"])
        current = "tellers.json"
        ceremony, qualified = ceremony_decode(docs[current])
        current = "credentials.json"
        credentials = credentials_decode(docs[current]["credentials"])
        electorate = docs[current].get("electorate")
        if electorate is not None:
            electorate = integer(electorate, "electorate")
        current = "board.json"
        board = tuple(entry_decode(e) for e in items(docs[current]["entries"], "entries"))
        current = "audited.json"
        audited = tuple(
            AuditedBallot.from_json(a) for a in items(docs[current]["ballots"], "ballots")
        )
        current = "aggregate.json"
        agg = docs[current]
        head = decode_digest(agg["board_head"], "board_head")
        counted = integer(agg["counted"], "counted")
        aggregate = aggregate_decode(agg["questions"])
        current = "decryption.json"
        shares = tuple(share_decode(s) for s in items(docs[current]["shares"], "shares"))
        current = "result.json"
        totals = tuple(
            tuple(integer(t, "total") for t in items(row, "totals row"))
            for row in items(docs[current]["totals"], "totals")
        )
    except (CryptoError, KeyError, TypeError, ValueError) as error:
        raise RecordError(f"{current}: malformed ({error})") from None
    return ElectionRecord(
        manifest,
        fingerprint,
        key,
        ceremony,
        qualified,
        credentials,
        board,
        audited,
        head,
        counted,
        aggregate,
        shares,
        totals,
        electorate,
        shuffles,
    )
