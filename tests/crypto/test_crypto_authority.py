"""The credential authority's tools, on their own machine: codes for the electors, only the
public keys in the file for the server, letters or emails for the members."""

import csv
import io
import json
import stat

from newcourse import crypto
from newcourse.crypto._authority_cli import main

ELECTORS = {
    "format": crypto.ELECTORS_FORMAT,
    "election_id": "test-election",
    "title": "Treasurer",
    "electors": [
        {"number": "001", "name": "Ada", "email": "ada@example.org", "weight": 1, "issued": False},
        {"number": "002", "name": "Bea", "email": "", "weight": 1, "issued": False},
        {"number": "003", "name": "=Cy", "email": "cy@example.org", "weight": 1, "issued": True},
    ],
}


def test_each_code_gives_the_public_key_uploaded_for_its_member_and_no_code_is_in_the_file():
    public, letters = crypto.credentials_generate(crypto.ElectorsList.from_json(ELECTORS))
    assert [c["number"] for c in public["credentials"]] == ["001", "002"]
    for letter, credential in zip(letters, public["credentials"], strict=True):
        secret = crypto.credential_from_code("test-election", letter.code)
        assert crypto.base_mul(secret).hex() == credential["key"]
        assert letter.code not in json.dumps(public)


def test_electors_already_issued_a_credential_get_no_second_one():
    _public, letters = crypto.credentials_generate(crypto.ElectorsList.from_json(ELECTORS))
    assert [letter.number for letter in letters] == ["001", "002"]


def test_generate_writes_the_public_file_and_private_letters(tmp_path):
    (tmp_path / "electors.json").write_text(json.dumps(ELECTORS))
    out = tmp_path / "out"
    assert main(["generate", str(tmp_path / "electors.json"), "--out", str(out)]) == 0
    public = json.loads((out / "public-credentials.json").read_text())
    rows = list(csv.DictReader(io.StringIO((out / "letters.csv").read_text())))
    assert [r["number"] for r in rows] == ["001", "002"]
    assert all(r["code"] not in json.dumps(public) for r in rows)
    for name in ("letters.csv", "letters.txt", "public-credentials.json"):
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o600
    assert rows[0]["code"] in (out / "letters.txt").read_text()


def test_generate_never_writes_over_earlier_codes(tmp_path):
    (tmp_path / "electors.json").write_text(json.dumps(ELECTORS))
    out = tmp_path / "out"
    out.mkdir()
    (out / "letters.csv").write_text("earlier codes")
    assert main(["generate", str(tmp_path / "electors.json"), "--out", str(out)]) == 2
    assert (out / "letters.csv").read_text() == "earlier codes"


def test_generate_emails_from_the_authoritys_machine_and_prints_what_cannot_go(tmp_path):
    (tmp_path / "electors.json").write_text(json.dumps(ELECTORS))
    sent = []
    arguments = ["generate", str(tmp_path / "electors.json"), "--out", str(tmp_path / "out")]
    code = main([*arguments, "--email", "--from", "authority@example.org"], send=sent.append)
    assert code == 0
    assert [m["To"] for m in sent] == ["ada@example.org"]
    assert sent[0]["From"] == "authority@example.org"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "letters.csv").read_text())))
    assert [r["number"] for r in rows] == ["002"]  # no address: by letter
    assert rows[0]["code"] not in sent[0].get_content()


def test_a_letters_csv_cell_is_never_a_formula():
    letter = crypto.CredentialLetter("1", "=HYPERLINK(1)", "", "AAAAA-AAAAA-AAAAA-AAAAA")
    assert "'=HYPERLINK" in crypto.letters_csv([letter])


def test_download_and_upload_need_a_token(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NEWCOURSE_API_TOKEN", raising=False)
    assert main(["download", "--server", "http://127.0.0.1:9", "--election", "1"]) == 1
    assert "NEWCOURSE_API_TOKEN" in capsys.readouterr().err


def test_a_file_that_is_not_an_electors_list_is_refused(tmp_path):
    (tmp_path / "electors.json").write_text(json.dumps({"format": "other"}))
    assert main(["generate", str(tmp_path / "electors.json"), "--out", str(tmp_path / "o")]) == 1
