"""What an election fixes before voting opens: the manifest, the key, the tellers' commitments,
the credential list with weights; and the fingerprint that binds them all into every proof."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ._errors import InvalidEncoding
from ._group import Point
from ._hashing import Field, digest

PROTOCOL: Final = "newcourse-ballot/1"
"""The protocol version hashed into the fingerprint."""


@dataclass(frozen=True, slots=True)
class Question:
    """One question: options, the allowed total of marks [min_marks, max_marks], and the most
    marks one option may take (1 for approval/plurality; more for cumulative voting)."""

    title: str
    options: tuple[str, ...]
    min_marks: int = 0
    max_marks: int = 1
    max_per_option: int = 1

    def __post_init__(self) -> None:
        if not self.options:
            raise ValueError("a question needs at least one option")
        if not 0 <= self.min_marks <= self.max_marks:
            raise ValueError("need 0 <= min_marks <= max_marks")
        if self.max_per_option < 1:
            raise ValueError("max_per_option must be at least 1")
        if self.max_marks > self.max_per_option * len(self.options):
            raise ValueError("max_marks cannot be reached with these options")

    def hash_fields(self) -> list[Field]:
        """[title, [options…], min_marks, max_marks, max_per_option]."""
        return [self.title, list(self.options), self.min_marks, self.max_marks, self.max_per_option]


@dataclass(frozen=True, slots=True)
class Manifest:
    """The election as voters see it, and the teller threshold. `opens`/`closes` are the
    voting window as ISO 8601 UTC strings, hashed as given. `client_code` names the code
    that encrypts in the browser (`client_code(files)` of its files, as the server serves
    them) so a voter or auditor can check the page ran the code the record names; empty if
    none."""

    election_id: str
    title: str
    questions: tuple[Question, ...]
    opens: str
    closes: str
    tellers: int = 5
    threshold: int = 3
    client_code: str = ""

    def __post_init__(self) -> None:
        if not self.questions:
            raise ValueError("an election needs at least one question")
        if not 1 <= self.threshold <= self.tellers:
            raise ValueError("need 1 <= threshold <= tellers")

    def hash_fields(self) -> list[Field]:
        """[election_id, title, [question…], opens, closes, tellers, threshold,
        client_code]."""
        return [
            self.election_id,
            self.title,
            [q.hash_fields() for q in self.questions],
            self.opens,
            self.closes,
            self.tellers,
            self.threshold,
            self.client_code,
        ]

    def to_json(self) -> dict[str, Any]:
        """The manifest as stored in the record."""
        return {
            "election_id": self.election_id,
            "title": self.title,
            "opens": self.opens,
            "closes": self.closes,
            "tellers": self.tellers,
            "threshold": self.threshold,
            "client_code": self.client_code,
            "questions": [
                {
                    "title": q.title,
                    "options": list(q.options),
                    "min_marks": q.min_marks,
                    "max_marks": q.max_marks,
                    "max_per_option": q.max_per_option,
                }
                for q in self.questions
            ],
        }

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        """Parse `to_json` output; InvalidEncoding on anything malformed."""
        try:
            questions = tuple(
                Question(
                    title=_text(q["title"]),
                    options=tuple(_text(o) for o in q["options"]),
                    min_marks=_count(q["min_marks"]),
                    max_marks=_count(q["max_marks"]),
                    max_per_option=_count(q["max_per_option"]),
                )
                for q in data["questions"]
            )
            return cls(
                election_id=_text(data["election_id"]),
                title=_text(data["title"]),
                questions=questions,
                opens=_text(data["opens"]),
                closes=_text(data["closes"]),
                tellers=_count(data["tellers"]),
                threshold=_count(data["threshold"]),
                client_code=_text(data["client_code"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidEncoding(f"malformed manifest: {error!r}") from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidEncoding("expected a string")
    return value


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
        raise InvalidEncoding("expected a non-negative integer")
    return value


def client_code(files: Mapping[str, bytes]) -> str:
    r"""The manifest's `client_code` for the browser code in `files` (path -> bytes as
    served): the SHA-256 hex of the UTF-8 text made of one line
    "<SHA-256 hex of the file's bytes>  <path>\n" per file (two spaces, the path as given),
    sorted by path (code point order, which is bytewise on UTF-8). These are the lines
    `sha256sum` prints, so `sha256sum FILE… | LC_ALL=C sort -k 2 | sha256sum` gives the same
    (for paths without a backslash). A path holding a line break is refused (ValueError)."""
    lines = []
    for path in sorted(files):
        if "\n" in path or "\r" in path:
            raise ValueError(f"client_code: a path cannot hold a line break: {path!r}")
        lines.append(f"{hashlib.sha256(files[path]).hexdigest()}  {path}\n")
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Credential:
    """A voter's public credential key and the weight of their vote (1 unless a card vote)."""

    key: Point
    weight: int = 1


def check_credential_list(credentials: Sequence[Credential]) -> None:
    """The published list must be sorted by key encoding (so its order reveals nothing about
    issuance), without duplicates, with positive weights; InvalidEncoding otherwise."""
    previous = b""
    for credential in credentials:
        if credential.weight < 1:
            raise InvalidEncoding("credential weights must be positive")
        if credential.key.encoded <= previous:
            raise InvalidEncoding("credential list must be sorted by key, without duplicates")
        previous = credential.key.encoded


@dataclass(frozen=True, slots=True)
class Election:
    """Everything a ballot is checked against. `commitments` are the qualified tellers'
    Feldman commitments (dealer order); `key` is the sum of their constant terms;
    `ceremony` is the digest of the tellers' whole public transcript (`KeyCeremony.digest`)."""

    manifest: Manifest
    key: Point
    commitments: tuple[tuple[Point, ...], ...]
    credentials: tuple[Credential, ...]
    ceremony: bytes
    fingerprint: bytes = field(init=False)
    weights: Mapping[bytes, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "fingerprint",
            compute_fingerprint(
                self.manifest, self.key, self.commitments, self.credentials, self.ceremony
            ),
        )
        object.__setattr__(self, "weights", {c.key.encoded: c.weight for c in self.credentials})

    def total_weight(self) -> int:
        """The sum of all credential weights: a bound on any tally."""
        return sum(c.weight for c in self.credentials)


def compute_fingerprint(
    manifest: Manifest,
    key: Point,
    commitments: Sequence[Sequence[Point]],
    credentials: Sequence[Credential],
    ceremony: bytes,
) -> bytes:
    """digest("fingerprint", PROTOCOL, manifest fields, K, [[C_i0…]…], [[key, weight]…],
    ceremony digest)."""
    return digest(
        "fingerprint",
        PROTOCOL,
        manifest.hash_fields(),
        key,
        [list(row) for row in commitments],
        [[c.key, c.weight] for c in credentials],
        ceremony,
    )
