"""JSON forms of the tellers' transcript, decryption shares and credentials (ballots encode
themselves in `_ballot`). Every point and scalar is 64 lowercase hex characters; decoding is
strict and raises InvalidEncoding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._election import Credential
from ._elgamal import Ciphertext
from ._errors import InvalidEncoding
from ._group import Point, Scalar, decode_digest
from ._proofs import Proof
from ._shuffle import BallotRow, ShuffleProof
from ._tally import Aggregate, DecryptionShare
from ._tellers import Complaint, Deal, KeyCeremony, SealedShare, TellerKey


def proof_json(proof: Proof) -> dict[str, str]:
    """{"challenge", "response"}."""
    return {"challenge": proof.challenge.hex(), "response": proof.response.hex()}


def proof_decode(data: Any) -> Proof:
    """Strict inverse of `proof_json`."""
    return Proof(Scalar.from_hex(data["challenge"]), Scalar.from_hex(data["response"]))


def integer(value: object, what: str) -> int:
    """A non-negative JSON integer (booleans refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
        raise InvalidEncoding(f"{what} must be a non-negative integer")
    return value


def items(value: object, what: str) -> list[Any]:
    """A JSON list."""
    if not isinstance(value, list):
        raise InvalidEncoding(f"{what} must be a list")
    return value


def teller_key_json(key: TellerKey) -> dict[str, Any]:
    """{"index", "key", "proof"}."""
    return {"index": key.index, "key": key.key.hex(), "proof": proof_json(key.proof)}


def teller_key_decode(data: Any) -> TellerKey:
    """Strict inverse of `teller_key_json`."""
    return TellerKey(
        integer(data["index"], "teller index"),
        Point.from_hex(data["key"]),
        proof_decode(data["proof"]),
    )


def deal_json(deal: Deal) -> dict[str, Any]:
    """{"dealer", "coefficients", "proof", "shares": [{"recipient", "ephemeral",
    "ciphertext", "tag"}]}."""
    return {
        "dealer": deal.dealer,
        "coefficients": [c.hex() for c in deal.coefficients],
        "proof": proof_json(deal.proof),
        "shares": [
            {
                "recipient": s.recipient,
                "ephemeral": s.ephemeral.hex(),
                "ciphertext": s.ciphertext.hex(),
                "tag": s.tag.hex(),
            }
            for s in deal.shares
        ],
    }


def deal_decode(data: Any) -> Deal:
    """Strict inverse of `deal_json`."""
    return Deal(
        integer(data["dealer"], "dealer"),
        tuple(Point.from_hex(c) for c in items(data["coefficients"], "coefficients")),
        proof_decode(data["proof"]),
        tuple(
            SealedShare(
                integer(s["recipient"], "recipient"),
                Point.from_hex(s["ephemeral"]),
                decode_digest(s["ciphertext"], "sealed share"),
                decode_digest(s["tag"], "share tag"),
            )
            for s in items(data["shares"], "shares")
        ),
    )


def complaint_json(complaint: Complaint) -> dict[str, Any]:
    """{"dealer", "recipient", "shared", "proof"}."""
    return {
        "dealer": complaint.dealer,
        "recipient": complaint.recipient,
        "shared": complaint.shared.hex(),
        "proof": proof_json(complaint.proof),
    }


def complaint_decode(data: Any) -> Complaint:
    """Strict inverse of `complaint_json`."""
    return Complaint(
        integer(data["dealer"], "dealer"),
        integer(data["recipient"], "recipient"),
        Point.from_hex(data["shared"]),
        proof_decode(data["proof"]),
    )


def ceremony_json(ceremony: KeyCeremony, qualified: tuple[int, ...]) -> dict[str, Any]:
    """The tellers' file body (without its format field)."""
    return {
        "election_id": ceremony.election_id,
        "threshold": ceremony.threshold,
        "tellers": [teller_key_json(k) for k in ceremony.tellers],
        "commitments": [c.hex() for c in ceremony.commitments],
        "deals": [deal_json(d) for d in ceremony.deals],
        "complaints": [complaint_json(c) for c in ceremony.complaints],
        "qualified": list(qualified),
    }


def ceremony_decode(data: Any) -> tuple[KeyCeremony, tuple[int, ...]]:
    """Strict inverse of `ceremony_json`: the transcript and the published QUAL."""
    election_id = data["election_id"]
    if not isinstance(election_id, str):
        raise InvalidEncoding("election_id must be a string")
    ceremony = KeyCeremony(
        election_id,
        integer(data["threshold"], "threshold"),
        tuple(teller_key_decode(k) for k in items(data["tellers"], "tellers")),
        tuple(decode_digest(c, "commitment") for c in items(data["commitments"], "commitments")),
        tuple(deal_decode(d) for d in items(data["deals"], "deals")),
        tuple(complaint_decode(c) for c in items(data["complaints"], "complaints")),
    )
    qualified = tuple(integer(i, "qualified") for i in items(data["qualified"], "qualified"))
    return ceremony, qualified


def credentials_json(credentials: tuple[Credential, ...]) -> list[dict[str, Any]]:
    """[{"key", "weight"}…]."""
    return [{"key": c.key.hex(), "weight": c.weight} for c in credentials]


def credentials_decode(data: Any) -> tuple[Credential, ...]:
    """Strict inverse of `credentials_json`."""
    return tuple(
        Credential(Point.from_hex(c["key"]), integer(c["weight"], "weight"))
        for c in items(data, "credentials")
    )


def aggregate_json(aggregate: Aggregate) -> list[list[dict[str, str]]]:
    """[[{"alpha", "beta"}…]…] (identity allowed: an option nobody marked)."""
    return [[{"alpha": c.alpha.hex(), "beta": c.beta.hex()} for c in row] for row in aggregate]


def aggregate_decode(data: Any) -> Aggregate:
    """Strict inverse of `aggregate_json`."""
    return tuple(
        tuple(
            Ciphertext(
                Point.from_hex(c["alpha"], allow_identity=True),
                Point.from_hex(c["beta"], allow_identity=True),
            )
            for c in items(row, "aggregate row")
        )
        for row in items(data, "aggregate")
    )


def share_json(share: DecryptionShare) -> dict[str, Any]:
    """{"teller", "questions": [[{"share", "challenge", "response"}…]…]}."""
    return {
        "teller": share.teller,
        "questions": [[{"share": d.hex(), **proof_json(p)} for d, p in row] for row in share.parts],
    }


def share_decode(data: Any) -> DecryptionShare:
    """Strict inverse of `share_json`."""
    return DecryptionShare(
        integer(data["teller"], "teller"),
        tuple(
            tuple(
                (Point.from_hex(p["share"], allow_identity=True), proof_decode(p))
                for p in items(row, "share row")
            )
            for row in items(data["questions"], "share questions")
        ),
    )


def ballot_rows_json(ballots: Sequence[BallotRow]) -> list[list[dict[str, str]]]:
    """[[{"alpha", "beta"}… one per ciphertext]… one per ballot]: a list the tellers shuffle."""
    return [[{"alpha": c.alpha.hex(), "beta": c.beta.hex()} for c in row] for row in ballots]


def ballot_rows_decode(data: Any) -> tuple[BallotRow, ...]:
    """Strict inverse of `ballot_rows_json` (the identity refused, as in any ballot; widths
    are checked by the shuffle, which names the ballot)."""
    return tuple(
        tuple(
            Ciphertext(Point.from_hex(_key(c, "alpha")), Point.from_hex(_key(c, "beta")))
            for c in items(row, "ballot")
        )
        for row in items(data, "ballots")
    )


def shuffle_proof_json(proof: ShuffleProof) -> dict[str, Any]:
    """{"challenge", "commitments": [N], "chain": [N], "s1", "s2", "s3", "s4": [w],
    "s_hat": [N], "s_prime": [N]} (docs/crypto/shuffle.md §4)."""
    return {
        "challenge": proof.challenge.hex(),
        "commitments": [p.hex() for p in proof.commitments],
        "chain": [p.hex() for p in proof.chain],
        "s1": proof.s1.hex(),
        "s2": proof.s2.hex(),
        "s3": proof.s3.hex(),
        "s4": [s.hex() for s in proof.s4],
        "s_hat": [s.hex() for s in proof.s_hat],
        "s_prime": [s.hex() for s in proof.s_prime],
    }


def shuffle_proof_decode(data: Any) -> ShuffleProof:
    """Strict inverse of `shuffle_proof_json`: every point canonical and not the identity,
    every scalar below ℓ, no key missing or extra. Lengths are the checker's to judge."""
    if not isinstance(data, dict):
        raise InvalidEncoding("a shuffle proof must be a JSON object")
    unknown = set(data) - _SHUFFLE_PROOF_KEYS
    if unknown:
        raise InvalidEncoding(f"shuffle proof: unknown field {sorted(unknown)[0]!r}")

    def points(name: str) -> tuple[Point, ...]:
        return tuple(Point.from_hex(p) for p in items(_key(data, name), f"shuffle proof {name}"))

    def scalars(name: str) -> tuple[Scalar, ...]:
        return tuple(Scalar.from_hex(s) for s in items(_key(data, name), f"shuffle proof {name}"))

    return ShuffleProof(
        challenge=Scalar.from_hex(_key(data, "challenge")),
        commitments=points("commitments"),
        chain=points("chain"),
        s1=Scalar.from_hex(_key(data, "s1")),
        s2=Scalar.from_hex(_key(data, "s2")),
        s3=Scalar.from_hex(_key(data, "s3")),
        s4=scalars("s4"),
        s_hat=scalars("s_hat"),
        s_prime=scalars("s_prime"),
    )


_SHUFFLE_PROOF_KEYS = frozenset(
    ("challenge", "commitments", "chain", "s1", "s2", "s3", "s4", "s_hat", "s_prime")
)


def _key(data: Any, name: str) -> Any:
    if not isinstance(data, dict) or name not in data:
        raise InvalidEncoding(f"missing field {name!r}")
    return data[name]
