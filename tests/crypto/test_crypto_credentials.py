"""Credential codes (what a voter is given instead of a 64-hex secret) and `client_code`
(the digest of the browser code named in the manifest)."""

import hashlib
import json
import random
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from newcourse.crypto import (
    CODE_ALPHABET,
    CryptoError,
    Election,
    InvalidCredentialCode,
    InvalidEncoding,
    ballot_encrypt,
    base_mul,
    check_ballot,
    client_code,
    credential_code_new,
    credential_code_normalise,
    credential_from_code,
    credential_issue,
    seeded_scalars,
    simulate_election,
)
from newcourse.crypto._simulate import random_marks

VECTORS = json.loads(
    (Path(__file__).parent.parent / "data" / "crypto" / "vectors.json").read_text(encoding="utf-8")
)
CODE = VECTORS["credential_code"]


def test_credential_code_alphabet_has_32_symbols_without_look_alikes() -> None:
    assert len(CODE_ALPHABET) == len(set(CODE_ALPHABET)) == 32
    assert not set(CODE_ALPHABET) & set("IO01")


def test_credential_code_new_is_four_groups_of_five_from_the_alphabet() -> None:
    codes = [credential_code_new() for _ in range(200)]
    pattern = re.compile(f"[{CODE_ALPHABET}]{{5}}(-[{CODE_ALPHABET}]{{5}}){{3}}")
    assert all(pattern.fullmatch(c) for c in codes)
    assert len(set(codes)) == len(codes)
    # 200 codes hold 4,000 symbols: every one of the 32 turns up (expected 125 times each).
    counts = Counter("".join(codes).replace("-", ""))
    assert set(counts) == set(CODE_ALPHABET)
    assert min(counts.values()) > 60


def test_credential_code_normalise_accepts_the_ways_of_typing_a_code() -> None:
    assert credential_code_normalise(CODE["code"]) == CODE["normalised"]
    for typed in CODE["same_code"]:
        assert credential_code_normalise(typed) == CODE["normalised"]
    assert credential_code_normalise(" 7kQ4m--xW2rD 9pLtF-h3nBz ") == CODE["normalised"]


@pytest.mark.parametrize("typed", CODE["invalid"])
def test_credential_code_invalid_codes_are_refused(typed: str) -> None:
    with pytest.raises(InvalidCredentialCode):
        credential_code_normalise(typed)
    with pytest.raises(InvalidCredentialCode):
        credential_from_code(CODE["election_id"], typed)


def test_credential_code_error_says_which_character_is_wrong() -> None:
    with pytest.raises(InvalidCredentialCode, match=r"character 8, 'O', is not allowed"):
        credential_code_normalise("ABCDE-FOHJK-LMNPQ-RSTUV")
    with pytest.raises(InvalidCredentialCode, match=r"character 1, 'ß'"):
        credential_code_normalise("ßBCDE-FGHJK-LMNPQ-RSTU")
    with pytest.raises(InvalidCredentialCode, match="has 20 letters and digits; this one has 19"):
        credential_code_normalise("ABCDE-FGHJK-LMNPQ-RSTU")
    with pytest.raises(InvalidCredentialCode, match="must be text"):
        credential_code_normalise(None)  # type: ignore[arg-type]
    assert issubclass(InvalidCredentialCode, InvalidEncoding)
    assert issubclass(InvalidCredentialCode, CryptoError)


def test_credential_from_code_matches_the_vector_and_depends_on_the_election() -> None:
    secret = credential_from_code(CODE["election_id"], CODE["code"])
    assert secret.hex() == CODE["secret"]
    assert base_mul(secret).hex() == CODE["key"]
    for typed in CODE["same_code"]:
        assert credential_from_code(CODE["election_id"], typed) == secret
    other = CODE["other_election"]
    assert credential_from_code(other["election_id"], CODE["code"]).hex() == other["secret"]


def test_credential_issue_gives_a_code_and_its_public_credential() -> None:
    code, credential = credential_issue("an-election", 3)
    assert credential.weight == 3
    assert credential.key == base_mul(credential_from_code("an-election", code))
    assert credential_code_normalise(code) == code.replace("-", "")
    assert credential_issue("an-election")[1].weight == 1
    with pytest.raises(ValueError, match="at least 1"):
        credential_issue("an-election", 0)


def test_credential_issued_as_a_code_casts_a_ballot_check_ballot_accepts() -> None:
    base = simulate_election(voters=1, tellers=1, threshold=1, audited=0, revotes=0).election
    code, credential = credential_issue(base.manifest.election_id)
    election = Election(
        base.manifest,
        base.key,
        base.commitments,
        tuple(sorted((*base.credentials, credential), key=lambda c: c.key.encoded)),
        base.ceremony,
    )
    chooser = random.Random(0)
    marks = [random_marks(q, chooser) for q in base.manifest.questions]
    ballot = ballot_encrypt(
        election=election,
        credential_secret=credential_from_code(election.manifest.election_id, code.lower()),
        marks=marks,
        rng=seeded_scalars(b"code"),
    ).ballot
    assert check_ballot(election, ballot.to_json()).credential == credential.key


FILES = {
    "elections/crypto/ballot.js": b"export const x = 1;\n",
    "elections/crypto/group.js": b"",
    "elections/crypto/vendor/noble.js": "// Zoë\n".encode(),
}


def test_client_code_is_the_sha256_of_the_sorted_file_lines() -> None:
    lines = "".join(f"{hashlib.sha256(FILES[p]).hexdigest()}  {p}\n" for p in sorted(FILES)).encode(
        "utf-8"
    )
    assert client_code(FILES) == hashlib.sha256(lines).hexdigest()
    assert client_code(dict(reversed(FILES.items()))) == client_code(FILES)
    # A known value, so the rule cannot drift unnoticed.
    assert (
        client_code({"a.js": b"a"})
        == hashlib.sha256(
            b"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.js\n"
        ).hexdigest()
    )


def test_client_code_changes_with_any_byte_or_path() -> None:
    changed = {**FILES, "elections/crypto/group.js": b" "}
    moved = {("./" + p if p.endswith("ballot.js") else p): data for p, data in FILES.items()}
    assert len({client_code(FILES), client_code(changed), client_code(moved)}) == 3


def test_client_code_refuses_a_path_with_a_line_break() -> None:
    with pytest.raises(ValueError, match="line break"):
        client_code({"a\nb.js": b""})


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils' sha256sum")
def test_client_code_is_what_sha256sum_and_sort_give(tmp_path: Path) -> None:
    for path, data in FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    listing = subprocess.run(
        ["sha256sum", *FILES], cwd=tmp_path, capture_output=True, check=True
    ).stdout
    ordered = subprocess.run(
        ["sort", "-k", "2"],
        input=listing,
        capture_output=True,
        check=True,
        env={"LC_ALL": "C"},
    ).stdout
    assert hashlib.sha256(ordered).hexdigest() == client_code(FILES)
