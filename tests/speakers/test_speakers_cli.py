"""``newcourse speakers order``: the list with its reasons, refusals as one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newcourse.cli import main as newcourse
from newcourse.speakers import main
from newcourse.speakers._cli import MAX_FILE_BYTES

LIST = {
    "rules": {
        "alternate_stances": True,
        "gender_order": "alternate-women-first",
        "progressive_stack": "debate",
    },
    "speeches": [{"speaker": "mo", "stance": "for", "gender": "man", "role": "mover"}],
    "requests": [
        {"id": "1", "speaker": "bob", "stance": "for", "sequence": 1, "gender": "man"},
        {"id": "2", "speaker": "cat", "stance": "for", "sequence": 2, "gender": "woman"},
        {"id": "3", "speaker": "dan", "stance": "against", "sequence": 3, "gender": "man"},
        {"id": "4", "speaker": "fay", "stance": "point-of-order", "sequence": 4},
        {"id": "5", "speaker": "mo", "stance": "for", "sequence": 5, "role": "reply"},
    ],
}


def _file(tmp_path: Path, document: object) -> str:
    path = tmp_path / "list.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_speakers_order_prints_the_list_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # For spoke last (the mover).  Woman's turn: cat, though for.  Open turn: bob and dan,
    # against's turn: dan alone.  Woman's turn, none: bob.
    assert newcourse(["speakers", "order", _file(tmp_path, LIST)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Speakers' list: 5 waiting",
        "rules: for and against alternate; women first, alternating; "
        "first speeches in this debate first",
        "",
        "1  4  fay  point-of-order  point of order",
        "2  2  cat  woman, for      a woman's turn; has not spoken yet; only this side waiting",
        "3  3  dan  man, against    the open list's turn; has not spoken yet; "
        "opposes the last side heard",
        "4  1  bob  man, for        no woman waiting; has not spoken yet; "
        "opposes the last side heard",
        "5  5  mo   reply           the mover's reply",
    ]


def test_speakers_order_json_names_the_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["order", _file(tmp_path, LIST), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [turn["id"] for turn in found["order"]] == ["4", "2", "3", "1", "5"]
    assert found["order"][1] == {
        "position": 2,
        "id": "2",
        "speaker": "cat",
        "reasons": ["woman-turn", "first-speech", "same-side-only"],
        "held": False,
    }
    assert found["held"] is False


def test_speakers_order_marks_where_the_women_decide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "rules": {"gender_order": "alternate-women-first", "ask_women_to_continue": True},
        "requests": [
            {"id": "m1", "speaker": "m1", "stance": "for", "sequence": 1},
            {"id": "w", "speaker": "w", "stance": "for", "sequence": 2, "gender": "woman"},
            {"id": "m2", "speaker": "m2", "stance": "against", "sequence": 3},
        ],
    }
    assert main(["order", _file(tmp_path, document)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == [
        "-- held: the women of the conference decide whether the debate goes on",
        "3  m2  m2  against     no woman waiting",
    ]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"requests": [], "rule": {}},
            "key 'rule': unknown key (one of earlier_speakers, requests, rules, speeches, "
            "women_agreed_to_continue)",
        ),
        ({}, "key 'requests': missing"),
        ({"requests": {}}, "key 'requests': must be a list"),
        (
            {"requests": [{"id": "1", "speaker": "a", "stance": "pro", "sequence": 1}]},
            "key 'requests[0]': request '1': unknown stance 'pro' "
            "(one of 'for', 'against', 'neutral', 'point-of-order')",
        ),
        (
            {"requests": [{"id": "1", "speaker": "a", "stance": "for"}]},
            "key 'requests[0].sequence': missing",
        ),
        (
            {"requests": [], "rules": {"gender_order": "men-first"}},
            "key 'rules.gender_order': must be one of 'none', 'alternate-women-first', "
            "not 'men-first'",
        ),
        (
            {"requests": [], "rules": {"alternate_stances": "yes"}},
            "key 'rules.alternate_stances': must be true or false",
        ),
        (
            {"requests": [], "speeches": [{"speaker": "a", "stance": "for", "seconds": -3}]},
            "key 'speeches[0]': seconds cannot be negative (-3)",
        ),
        (
            {
                "requests": [
                    {"id": "1", "speaker": "a", "stance": "for", "sequence": 1},
                    {"id": "2", "speaker": "b", "stance": "for", "sequence": 1},
                ]
            },
            "request '2': same order of asking (1) as request '1'",
        ),
        ([], "must be an object"),
    ],
)
def test_speakers_order_refuses_with_the_key_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: object, message: str
) -> None:
    path = _file(tmp_path, document)
    assert main(["order", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"error: {path}: {message}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "not JSON"),
        (b'{"requests": [], "x": "\xff"}', "not UTF-8 text"),
        (b'{"requests": ["\\ud800"]}', "a string is not text"),
    ],
)
def test_speakers_order_refuses_a_file_that_is_not_json_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "list.json"
    path.write_bytes(content)
    assert main(["order", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_speakers_order_refuses_an_oversized_file_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: refused by its size alone
    assert main(["order", str(path)]) == 2
    assert "over the limit" in capsys.readouterr().err


def test_speakers_order_refuses_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["order", str(tmp_path / "nowhere.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_speakers_without_a_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "order" in capsys.readouterr().err
