"""Test vectors for other implementations (the browser's JavaScript) of this protocol.

`build_vectors()` is deterministic: every random value comes from `seeded_scalars` with a
fixed seed, drawn in the order docs/verifiable-ballots.md gives. Regenerate with
`python -m newcourse.crypto._vectors > tests/data/crypto/vectors.json`; a test checks the
file still matches. `build_shuffle_vector()` is the same for the tellers' shuffle
(`python -m newcourse.crypto._vectors shuffle > tests/data/crypto/shuffle-vector.json`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import replace
from typing import Any

from ._ballot import SIGNATURE_TAG, ballot_encrypt
from ._board import entry_hash, genesis_hash
from ._codec import credentials_json, deal_json, share_json, teller_key_json
from ._credentials import CODE_TAG, credential_code_normalise, credential_from_code
from ._election import Credential, Election, Manifest, Question
from ._elgamal import encrypt
from ._group import ORDER, Point, Scalar, base_mul, seeded_scalars
from ._hashing import Field, challenge, digest, hash_input
from ._shuffle import shuffle, shuffle_generators, shuffle_weights, statement_digest
from ._shuffle_files import BallotList, ballot_list_json, ballots_digest
from ._tally import decryption_share_make, lagrange_at_zero
from ._tellers import dkg_commitment, dkg_deal, dkg_polynomial, teller_keygen

INVALID_POINTS = [
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
]


def _typed(value: Field) -> dict[str, Any]:
    """A hash field as {"type", "value"} so another language can rebuild it."""
    if isinstance(value, Point):
        return {"type": "point", "value": value.hex()}
    if isinstance(value, Scalar):
        return {"type": "scalar", "value": value.hex()}
    if isinstance(value, bytes):
        return {"type": "bytes", "value": value.hex()}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": value}
    return {"type": "list", "value": [_typed(v) for v in value]}


def _hash_case(tag: str, *fields: Field) -> dict[str, Any]:
    return {
        "tag": tag,
        "fields": [_typed(f) for f in fields],
        "input": hash_input(tag, *fields).hex(),
        "challenge": challenge(tag, *fields).hex(),
        "digest": digest(tag, *fields).hex(),
    }


def build_vectors() -> dict[str, Any]:
    """Every vector, as one JSON-ready dict."""
    rng = seeded_scalars(b"vectors")
    b2 = base_mul(Scalar(2))
    hashing = [
        _hash_case("empty"),
        _hash_case("types", b"\x00\xff", "Zoë", 7, b2, Scalar(5), [1, "two", [b""]]),
        _hash_case("ballot-choice", bytes(32), b2, 0, 1, b2, b2, b2, 0, 1, [b2, b2, b2, b2]),
    ]
    seeded = {
        "seed": b"vectors-seed".hex(),
        "scalars": [s.hex() for s in _take(seeded_scalars(b"vectors-seed"), 3)],
    }
    group = {
        "base_multiples": [base_mul(Scalar(k)).hex() for k in range(6)],
        "order": str(ORDER),
        "invalid_points": INVALID_POINTS,
        "identity": bytes(32).hex(),
        "invalid_scalars": [ORDER.to_bytes(32, "little").hex(), "ff" * 32],
        "from_uniform": {
            "input": hashlib.sha512(b"uniform").hexdigest(),
            "point": Point.from_uniform(hashlib.sha512(b"uniform").digest()).hex(),
        },
    }
    secret = rng()
    key = base_mul(secret)
    r = rng()
    elgamal = {
        "secret": secret.hex(),
        "key": key.hex(),
        "cases": [
            {"m": m, "r": r.hex(), "alpha": c.alpha.hex(), "beta": c.beta.hex()}
            for m in (0, 1, 5)
            for c in [encrypt(key, m, r)]
        ],
    }

    tellers = [
        teller_keygen(election_id="vectors", index=i, tellers=3, threshold=2, rng=rng)
        for i in (1, 2, 3)
    ]
    keys = tuple(k for _, k in tellers)
    polynomial = dkg_polynomial(2, rng)
    deal = dkg_deal(
        election_id="vectors", dealer=1, tellers=keys, threshold=2, polynomial=polynomial, rng=rng
    )
    dkg = {
        "teller_secrets": [s.hex() for s, _ in tellers],
        "teller_keys": [teller_key_json(k) for k in keys],
        "polynomial": [a.hex() for a in polynomial],
        "commitment": dkg_commitment("vectors", 1, deal.coefficients).hex(),
        "deal": deal_json(deal),
        "lagrange_1_3": {str(k): v.hex() for k, v in lagrange_at_zero([1, 3]).items()},
    }

    credential_secrets = [rng() for _ in range(3)]
    credentials = tuple(
        sorted(
            (
                Credential(base_mul(s), w)
                for s, w in zip(credential_secrets, (1, 2, 1), strict=True)
            ),
            key=lambda c: c.key.encoded,
        )
    )
    manifest = Manifest(
        "vectors",
        "Test vectors",
        (
            Question("Chair", ("Ada", "Bea", "Cal"), 1, 1),
            Question("Budget", ("Up", "Down"), 0, 3, 2),
        ),
        "2026-01-01T09:00:00Z",
        "2026-01-08T09:00:00Z",
        1,
        1,
        hashlib.sha256(b"encryptor.js").hexdigest(),
    )
    ceremony = digest("key-ceremony", "vectors")  # stands in for a real transcript digest
    election = Election(manifest, key, ((key,),), credentials, ceremony)
    marks = [[0, 1, 0], [2, 1]]
    ballot_seed = b"vectors-ballot"
    opened = ballot_encrypt(
        election=election,
        credential_secret=credential_secrets[0],
        marks=marks,
        rng=seeded_scalars(ballot_seed),
    )
    ballot = opened.ballot
    tracker = ballot.tracker()
    ballots = {
        "manifest": manifest.to_json(),
        "election_key": key.hex(),
        "commitments": [[key.hex()]],
        "ceremony": ceremony.hex(),
        "credentials": credentials_json(credentials),
        "fingerprint": election.fingerprint.hex(),
        "credential_secret": credential_secrets[0].hex(),
        "marks": marks,
        "seed": ballot_seed.hex(),
        "ballot": ballot.to_json(),
        "randomness": [[x.hex() for x in row] for row in opened.randomness],
        "content_digest": ballot.content_digest().hex(),
        "signature_tag": SIGNATURE_TAG,
        "tracker": tracker.hex(),
        "board_genesis": genesis_hash(election.fingerprint).hex(),
        "board_entry_0": entry_hash(
            election.fingerprint, 0, genesis_hash(election.fingerprint), None, tracker
        ).hex(),
    }
    aggregate = ((opened.ballot.answers[0].choices[0],),)
    share = decryption_share_make(
        election=election, teller=1, secret=secret, aggregate=aggregate, rng=rng
    )
    ballots["decryption_share_of_first_choice"] = share_json(share)
    return {
        "format": "newcourse-crypto-vectors/1",
        "hashing": hashing,
        "seeded": seeded,
        "group": group,
        "elgamal": elgamal,
        "dkg": dkg,
        "ballot": ballots,
        "credential_code": _credential_code(),
    }


CODE = "7KQ4M-XW2RD-9PLTF-H3NBZ"
"""A fixed credential code for the vectors (real codes come from `credential_code_new`)."""


def _credential_code() -> dict[str, Any]:
    """A code as typed, its normal form, the hash input, the secret and the public key; other
    ways of typing it; and codes that must be refused (among them "ß" and "ſ", which a
    Unicode upper-casing would turn into valid letters: only a–z are upper-cased)."""
    normalised = credential_code_normalise(CODE)
    secret = credential_from_code("vectors", CODE)
    return {
        "election_id": "vectors",
        "code": CODE,
        "normalised": normalised,
        "tag": CODE_TAG,
        "input": hash_input(CODE_TAG, "vectors", normalised).hex(),
        "secret": secret.hex(),
        "key": base_mul(secret).hex(),
        "other_election": {
            "election_id": "vectors-2",
            "secret": credential_from_code("vectors-2", CODE).hex(),
        },
        "same_code": ["7kq4m-xw2rd-9pltf-h3nbz", "7KQ4M XW2RD 9PLTF H3NBZ", "7KQ4MXW2RD9PLTFH3NBZ"],
        "invalid": [
            "7KQ4M-XW2RD-9PLTF-H3NB0",
            "7KQ4M-XW2RD-9PLTF-H3NBO",
            "7KQ4M-XW2RD-9PLTF-H3NB1",
            "7KQ4M-XW2RD-9PLTF-H3NBI",
            "7KQ4M-XW2RD-9PLTF-H3NB",
            "7KQ4M-XW2RD-9PLTF-H3NBZZ",
            "7KQ4M_XW2RD_9PLTF_H3NBZ",
            "7KQ4M-XW2RD-9PLTF-H3Nß",
            "7KQ4M-XW2RD-9PLTF-H3NBſ",
            "7KQ4M\tXW2RD-9PLTF-H3NBZ",
            "",
        ],
    }


def _take(draw: Any, count: int) -> list[Scalar]:
    return [draw() for _ in range(count)]


def build_shuffle_vector() -> dict[str, Any]:
    """One shuffle of 3 ranked ballots of width 2 (docs/crypto/shuffle.md): the secret key
    (to decrypt), the generators, the statement digest S and weights u_j, and the two lists
    (position 0 and the shuffle at position 1, its proof included) as newcourse-shuffle/1."""
    draw = seeded_scalars(b"newcourse-shuffle-vector")
    secret = draw()
    key = base_mul(secret)
    rankings = [[1, 2], [2, 1], [1, 0]]
    ballots = tuple(tuple(encrypt(key, m, draw()) for m in ranking) for ranking in rankings)
    board = BallotList("vector-stv", hashlib.sha256(b"vector-stv").digest(), key, 0, ballots)
    context = replace(board, position=1).context()
    shuffled, proof = shuffle(key, ballots, draw, context)
    h, hs = shuffle_generators(context, len(ballots))
    rows = [[p.encoded for c in ballot for p in (c.alpha, c.beta)] for ballot in ballots]
    rows_out = [[p.encoded for c in ballot for p in (c.alpha, c.beta)] for ballot in shuffled]
    statement = statement_digest(context, key, 2, rows, rows_out, list(proof.commitments))
    return {
        "format": "newcourse-shuffle-vector/1",
        "secret_key": secret.hex(),
        "rankings": rankings,
        "generators": {"h": h.hex(), "h_i": [g.hex() for g in hs]},
        "statement": statement.hex(),
        "weights": [Scalar(u).hex() for u in shuffle_weights(statement, len(ballots))],
        "lists": [
            ballot_list_json(board),
            ballot_list_json(
                replace(
                    board,
                    position=1,
                    ballots=shuffled,
                    proof=proof,
                    input_digest=ballots_digest(board.ballots),
                )
            ),
        ],
    }


if __name__ == "__main__":  # pragma: no cover
    built = build_shuffle_vector() if sys.argv[1:] == ["shuffle"] else build_vectors()
    sys.stdout.write(json.dumps(built, indent=1, ensure_ascii=False) + "\n")
