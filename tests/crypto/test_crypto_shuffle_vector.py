"""The shuffle's known-answer vector: any change to what is hashed, encoded or drawn in what
order changes it, so a third-party verifier written from docs/crypto/shuffle.md can be
checked against tests/data/crypto/shuffle-vector.json."""

import json
from collections import Counter
from pathlib import Path

from newcourse.crypto import (
    Point,
    Scalar,
    ballot_list_read,
    challenge,
    decrypt_to_point,
    digest,
    discrete_log,
    hash_to_point,
    shuffle_link_check,
)
from newcourse.crypto._vectors import build_shuffle_vector

VECTOR_PATH = Path(__file__).parent.parent / "data" / "crypto" / "shuffle-vector.json"
VECTOR = json.loads(VECTOR_PATH.read_text(encoding="utf-8"))


def test_shuffle_vector_file_is_what_the_code_builds() -> None:
    assert build_shuffle_vector() == VECTOR


def test_shuffle_vector_link_checks_and_decrypts_to_its_rankings(tmp_path: Path) -> None:
    lists = []
    for position, document in enumerate(VECTOR["lists"]):
        path = tmp_path / f"list-{position}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        lists.append(ballot_list_read(path))
    board, shuffled = lists
    secret = Scalar.from_hex(VECTOR["secret_key"])

    shuffle_link_check(
        board,
        shuffled,
        election_id=board.election_id,
        fingerprint=board.fingerprint,
        key=board.key,
    )
    assert board.key == Point.from_hex(VECTOR["lists"][1]["election_key"])
    assert Counter(
        tuple(discrete_log(decrypt_to_point(secret, c), 4) for c in ballot)
        for ballot in shuffled.ballots
    ) == Counter(tuple(r) for r in VECTOR["rankings"])


def test_shuffle_vector_generators_statement_and_weights_follow_the_specification() -> None:
    board, shuffled = VECTOR["lists"]
    ctx = (bytes.fromhex(shuffled["fingerprint"]), shuffled["election_id"], shuffled["position"])

    def row(ballot: list[dict[str, str]]) -> bytes:
        return b"".join(bytes.fromhex(c["alpha"]) + bytes.fromhex(c["beta"]) for c in ballot)

    statement = digest(
        "shuffle-statement",
        *ctx,
        Point.from_hex(board["election_key"]),
        2,
        3,
        [row(b) for b in board["ballots"]],
        [row(b) for b in shuffled["ballots"]],
        [Point.from_hex(c) for c in shuffled["proof"]["commitments"]],
    )

    assert hash_to_point("shuffle-generator-h", *ctx).hex() == VECTOR["generators"]["h"]
    assert [hash_to_point("shuffle-generator", *ctx, i).hex() for i in range(3)] == VECTOR[
        "generators"
    ]["h_i"]
    assert statement.hex() == VECTOR["statement"]
    assert [challenge("shuffle-u", statement, j).hex() for j in range(3)] == VECTOR["weights"]
