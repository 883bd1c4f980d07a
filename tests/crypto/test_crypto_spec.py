"""An independent reading of docs/verifiable-ballots.md, as the JavaScript port will make it:
the hash encoding, fingerprint, ballot (with the documented randomness draw order), tracker,
board hashes and decryption proof are rebuilt here from the document's formulas, using only
the group operations of `newcourse.crypto`, and must give the test vectors exactly."""

import hashlib
import json
from pathlib import Path
from typing import Any

from newcourse.crypto import ORDER, Point, Scalar, base_mul

VECTORS = json.loads(
    (Path(__file__).parent.parent / "data" / "crypto" / "vectors.json").read_text(encoding="utf-8")
)
B = base_mul(Scalar(1))


def E(x: Any) -> bytes:
    def framed(kind: int, payload: bytes) -> bytes:
        return bytes([kind]) + len(payload).to_bytes(4, "big") + payload

    if isinstance(x, Point):
        return framed(4, x.encoded)
    if isinstance(x, Scalar):
        return framed(5, x.value.to_bytes(32, "little"))
    if isinstance(x, bytes):
        return framed(1, x)
    if isinstance(x, str):
        return framed(2, x.encode())
    if isinstance(x, int):
        return framed(3, x.to_bytes(8, "big"))
    return framed(6, len(x).to_bytes(4, "big") + b"".join(E(i) for i in x))


def H(tag: str, *fields: Any) -> Scalar:
    data = E("newcourse/1") + E(tag) + b"".join(E(f) for f in fields)
    return Scalar(int.from_bytes(hashlib.sha512(data).digest(), "little") % ORDER)


def D(tag: str, *fields: Any) -> bytes:
    data = E("newcourse/1") + E(tag) + b"".join(E(f) for f in fields)
    return hashlib.sha512(data).digest()[:32]


def seeded(seed: bytes):
    counter = 0

    def draw() -> Scalar:
        nonlocal counter
        while True:
            value = (
                int.from_bytes(hashlib.sha512(seed + counter.to_bytes(8, "big")).digest(), "little")
                % ORDER
            )
            counter += 1
            if value:
                return Scalar(value)

    return draw


def mul(p: Point, s: Scalar) -> Point:
    return p * s


def range_proof(tag, ctx, K, alpha, beta, m, r, lo, hi, draw):
    w = draw()
    fakes = {j: (draw(), draw()) for j in range(lo, hi + 1) if j != m}
    commitments = []
    for j in range(lo, hi + 1):
        if j == m:
            commitments += [mul(B, w), mul(K, w)]
        else:
            c, s = fakes[j]
            shifted = beta - base_mul(Scalar(j)) if j else beta
            commitments += [mul(B, s) - mul(alpha, c), mul(K, s) - mul(shifted, c)]
    c = H(tag, *ctx, K, alpha, beta, lo, hi, commitments)
    c_m = Scalar((c.value - sum(fc.value for fc, _ in fakes.values())) % ORDER)
    real = (c_m, Scalar((w.value + c_m.value * r.value) % ORDER))
    return [real if j == m else fakes[j] for j in range(lo, hi + 1)]


def hexes(proof) -> list[dict[str, str]]:
    return [{"challenge": c.hex(), "response": s.hex()} for c, s in proof]


def test_spec_hash_encoding_matches_vectors() -> None:
    for case in VECTORS["hashing"]:

        def rebuild(f: dict[str, Any]) -> Any:
            value = f["value"]
            return {
                "point": lambda: Point(bytes.fromhex(value)),
                "scalar": lambda: Scalar(int.from_bytes(bytes.fromhex(value), "little")),
                "bytes": lambda: bytes.fromhex(value),
                "str": lambda: value,
                "int": lambda: value,
                "list": lambda: [rebuild(i) for i in value],
            }[f["type"]]()

        fields = [rebuild(f) for f in case["fields"]]
        assert H(case["tag"], *fields).hex() == case["challenge"]
        assert D(case["tag"], *fields).hex() == case["digest"]


def test_spec_seeded_scalars_match_vectors() -> None:
    draw = seeded(bytes.fromhex(VECTORS["seeded"]["seed"]))
    assert [draw().hex() for _ in range(3)] == VECTORS["seeded"]["scalars"]


def test_spec_ballot_rebuilt_from_the_document_matches_vectors() -> None:
    v = VECTORS["ballot"]
    m = v["manifest"]
    K = Point(bytes.fromhex(v["election_key"]))
    questions = [
        [q["title"], q["options"], q["min_marks"], q["max_marks"], q["max_per_option"]]
        for q in m["questions"]
    ]
    M = [
        m["election_id"],
        m["title"],
        questions,
        m["opens"],
        m["closes"],
        m["tellers"],
        m["threshold"],
        m["client_code"],
    ]
    fp = D(
        "fingerprint",
        "newcourse-ballot/1",
        M,
        K,
        [[Point(bytes.fromhex(p)) for p in row] for row in v["commitments"]],
        [[Point(bytes.fromhex(c["key"])), c["weight"]] for c in v["credentials"]],
        bytes.fromhex(v["ceremony"]),
    )
    assert fp.hex() == v["fingerprint"]

    x = Scalar(int.from_bytes(bytes.fromhex(v["credential_secret"]), "little"))
    P = mul(B, x)
    draw = seeded(bytes.fromhex(v["seed"]))
    answers, answer_fields = [], []
    for q, (question, marks) in enumerate(zip(m["questions"], v["marks"], strict=True)):
        rs = [draw() for _ in marks]
        cts = [
            (mul(B, r), mul(K, r) + base_mul(Scalar(mk)) if mk else mul(K, r))
            for mk, r in zip(marks, rs, strict=True)
        ]
        proofs = [
            range_proof(
                "ballot-choice", [fp, P, q, o], K, a, b, mk, r, 0, question["max_per_option"], draw
            )
            for o, ((a, b), mk, r) in enumerate(zip(cts, marks, rs, strict=True))
        ]
        sum_a, sum_b = cts[0]
        for a, b in cts[1:]:
            sum_a, sum_b = sum_a + a, sum_b + b
        sum_proof = range_proof(
            "ballot-sum",
            [fp, P, q],
            K,
            sum_a,
            sum_b,
            sum(marks),
            Scalar(sum(r.value for r in rs) % ORDER),
            question["min_marks"],
            question["max_marks"],
            draw,
        )
        answers.append(
            {
                "choices": [{"alpha": a.hex(), "beta": b.hex()} for a, b in cts],
                "proofs": [hexes(p) for p in proofs],
                "sum_proof": hexes(sum_proof),
            }
        )
        answer_fields.append(
            [
                [[a, b] for a, b in cts],
                [[list(cs) for cs in p] for p in proofs],
                [list(cs) for cs in sum_proof],
            ]
        )
    content = D("ballot-content", fp, P, answer_fields)
    w = draw()
    c = H("ballot-signature", fp, content, B, P, mul(B, w))
    s = Scalar((w.value + c.value * x.value) % ORDER)
    ballot = {
        "election": fp.hex(),
        "credential": P.hex(),
        "answers": answers,
        "signature": {"challenge": c.hex(), "response": s.hex()},
    }
    assert ballot == v["ballot"]
    assert content.hex() == v["content_digest"]
    tracker = D("tracker", fp, P, content, c, s)
    assert tracker.hex() == v["tracker"]
    genesis = D("board-genesis", fp)
    assert genesis.hex() == v["board_genesis"]
    assert D("board-entry", fp, 0, genesis, [], tracker).hex() == v["board_entry_0"]


def test_spec_decryption_proof_checks_by_the_document() -> None:
    v = VECTORS["ballot"]
    fp = bytes.fromhex(v["fingerprint"])
    K = Point(bytes.fromhex(v["election_key"]))
    alpha = Point(bytes.fromhex(v["ballot"]["answers"][0]["choices"][0]["alpha"]))
    part = v["decryption_share_of_first_choice"]["questions"][0][0]
    share = Point(bytes.fromhex(part["share"]))
    c = Scalar(int.from_bytes(bytes.fromhex(part["challenge"]), "little"))
    s = Scalar(int.from_bytes(bytes.fromhex(part["response"]), "little"))
    a = mul(B, s) - mul(K, c)
    b = mul(alpha, s) - mul(share, c)
    assert H("decryption-share", fp, 1, 0, 0, B, K, alpha, share, a, b) == c


def test_spec_credential_code_rebuilds() -> None:
    v = VECTORS["credential_code"]
    normalised = v["code"].replace("-", "").replace(" ", "").upper()
    assert normalised == v["normalised"]
    secret = H("credential-code", v["election_id"], normalised)
    assert secret.hex() == v["secret"]
    assert (B * secret).hex() == v["key"]
