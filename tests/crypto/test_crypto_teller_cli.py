"""Three tellers (threshold 2) run the ceremony and the count through `newcourse teller`,
with the test playing the server that relays files; the result is a verifiable record."""

import dataclasses
import itertools
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from newcourse.crypto import (
    BallotList,
    Board,
    Election,
    ElectionRecord,
    Manifest,
    Question,
    TellerError,
    _teller_steps,
    aggregate_ballots,
    ballot_encrypt,
    ballot_list_read,
    ballot_list_write,
    base_mul,
    board_ballot_list,
    ceremony_from_messages,
    credential_generate,
    encrypt,
    publish_for_tellers,
    seeded_scalars,
    share_from_message,
    shuffle_link_check,
    tally_decrypt,
    teller_bundle,
    verify_decryption_share,
    verify_record,
    write_record,
)
from newcourse.crypto._teller_cli import main

N, T = 3, 2
MANIFEST = Manifest(
    "teller-cli",
    "Teller CLI",
    (Question("Chair", ("A", "B", "C"), 1, 1),),
    "2026-01-01T00:00:00Z",
    "2026-01-02T00:00:00Z",
    N,
    T,
)


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def _keygen(tmp_path: Path, election: str = "teller-cli") -> list[Path]:
    dirs = [tmp_path / f"teller{i}" for i in range(1, N + 1)]
    for i, d in enumerate(dirs, 1):
        assert (
            main(
                [
                    "keygen",
                    str(d),
                    "--election",
                    election,
                    "--index",
                    str(i),
                    "--tellers",
                    str(N),
                    "--threshold",
                    str(T),
                ]
            )
            == 0
        )
    return dirs


def _bundle(path: Path, kind: str, files: list[Path], election: str = "teller-cli") -> str:
    path.write_text(json.dumps(teller_bundle(kind, election, [_load(f) for f in files])))
    return str(path)


def _run_ceremony(tmp_path: Path) -> list[Path]:
    dirs = _keygen(tmp_path)
    keys = [str(d / "public-key.json") for d in dirs]
    for d in dirs:
        assert main(["commit", str(d), *keys]) == 0
    commitments = [str(d / "commitment.json") for d in dirs]
    for d in dirs:
        assert main(["deal", str(d), *commitments]) == 0
    deals = [str(d / "deal.json") for d in dirs]
    for d in dirs:
        assert main(["receive", str(d), *deals]) == 0
    return dirs


@pytest.fixture(scope="module")
def ceremony(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("tellers")
    dirs = _run_ceremony(tmp_path)
    transcript = ceremony_from_messages(
        election_id="teller-cli",
        threshold=T,
        public_keys=[_load(d / "public-key.json") for d in dirs],
        commitments=[_load(d / "commitment.json") for d in dirs],
        deals=[_load(d / "deal.json") for d in dirs],
        complaints=[_load(d / "complaints.json") for d in dirs],
    )
    qualified, key, verification = transcript.verify()
    rng = seeded_scalars(b"teller-cli")
    pairs = sorted((credential_generate(1, rng) for _ in range(4)), key=lambda p: p[1].key.encoded)
    election = Election(
        MANIFEST,
        key,
        transcript.qualified_commitments(qualified),
        tuple(c for _, c in pairs),
        transcript.digest(),
    )
    board = Board(election.fingerprint)
    for (secret, _), choice in zip(pairs, [0, 2, 2, 1], strict=True):
        marks = [[1 if o == choice else 0 for o in range(3)]]
        board.append(
            ballot_encrypt(election=election, credential_secret=secret, marks=marks, rng=rng).ballot
        )
    aggregate = aggregate_ballots(election, board.counted())
    published = tmp_path / "published"
    publish_for_tellers(
        published,
        election=election,
        ceremony=transcript,
        qualified=qualified,
        board=board,
        aggregate=aggregate,
    )
    return dirs, published, (election, transcript, qualified, board, aggregate, verification)


def test_teller_cli_two_of_three_tellers_decrypt_a_verifiable_count(
    ceremony, tmp_path: Path
) -> None:
    dirs, published, (election, transcript, qualified, board, aggregate, keys) = ceremony
    shares = []
    for d in (dirs[0], dirs[2]):
        assert main(["decrypt", str(d), str(published)]) == 0
        share = share_from_message(_load(d / "decryption-share.json"), "teller-cli")
        verify_decryption_share(election, keys[share.teller], aggregate, share)
        shares.append(share)
    totals = tally_decrypt(election, aggregate, shares)
    assert totals == ((1, 1, 2),)
    record = ElectionRecord(
        MANIFEST,
        election.fingerprint,
        election.key,
        transcript,
        qualified,
        election.credentials,
        tuple(board.entries),
        (),
        board.head(),
        4,
        aggregate,
        tuple(shares),
        totals,
    )
    write_record(tmp_path / "record", record)
    assert verify_record(tmp_path / "record", processes=1).totals == ((1, 1, 2),)


def test_teller_cli_secret_files_are_private(ceremony) -> None:
    dirs = ceremony[0]
    modes = {
        name: (dirs[0] / name).stat().st_mode & 0o777
        for name in ("teller-secret.json", "polynomial.json", "shares.json")
    }
    assert modes == {"teller-secret.json": 0o600, "polynomial.json": 0o600, "shares.json": 0o600}


def test_teller_cli_shares_file_of_another_teller_is_refused(
    ceremony, tmp_path: Path, capsys
) -> None:
    dirs, published = ceremony[0], ceremony[1]
    impostor = tmp_path / "impostor"
    shutil.copytree(dirs[0], impostor)
    shutil.copy(dirs[1] / "shares.json", impostor / "shares.json")
    assert main(["decrypt", str(impostor), str(published)]) == 1
    assert "shares do not match its verification key" in capsys.readouterr().err


def test_teller_cli_key_file_from_another_election_is_refused(tmp_path: Path, capsys) -> None:
    assert (
        main(
            [
                "keygen",
                str(tmp_path / "a"),
                "--election",
                "one",
                "--index",
                "1",
                "--tellers",
                "2",
                "--threshold",
                "1",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "keygen",
                str(tmp_path / "b"),
                "--election",
                "two",
                "--index",
                "2",
                "--tellers",
                "2",
                "--threshold",
                "1",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "commit",
                str(tmp_path / "a"),
                str(tmp_path / "a" / "public-key.json"),
                str(tmp_path / "b" / "public-key.json"),
            ]
        )
        == 1
    )
    assert "for election 'two', this teller is in 'one'" in capsys.readouterr().err


def test_teller_cli_reveal_before_all_commitments_is_refused(tmp_path: Path, capsys) -> None:
    dirs = [tmp_path / "x1", tmp_path / "x2"]
    for i, d in enumerate(dirs, 1):
        main(
            [
                "keygen",
                str(d),
                "--election",
                "e",
                "--index",
                str(i),
                "--tellers",
                "2",
                "--threshold",
                "2",
            ]
        )
    keys = [str(d / "public-key.json") for d in dirs]
    main(["commit", str(dirs[0]), *keys])
    assert main(["deal", str(dirs[0]), str(dirs[0] / "commitment.json")]) == 1
    assert "need the commitments of all tellers" in capsys.readouterr().err


def test_teller_cli_wrong_file_kind_is_refused(tmp_path: Path, capsys) -> None:
    main(
        [
            "keygen",
            str(tmp_path / "t"),
            "--election",
            "e",
            "--index",
            "1",
            "--tellers",
            "1",
            "--threshold",
            "1",
        ]
    )
    assert main(["commit", str(tmp_path / "t"), str(tmp_path / "t" / "teller-secret.json")]) == 1
    assert "not a teller 'public-key' file" in capsys.readouterr().err


def test_teller_cli_tampered_aggregate_is_not_decrypted(ceremony, tmp_path: Path, capsys) -> None:
    dirs, published = ceremony[0], ceremony[1]
    copy = tmp_path / "published"
    shutil.copytree(published, copy)
    data = _load(copy / "aggregate.json")
    data["questions"][0] = data["questions"][0][::-1]
    (copy / "aggregate.json").write_text(json.dumps(data))
    assert main(["decrypt", str(dirs[0]), str(copy)]) == 1
    assert "refusing to decrypt" in capsys.readouterr().err


def test_teller_cli_missing_arguments_exit_2(capsys) -> None:
    assert main(["keygen"]) == 2
    assert "usage: newcourse teller keygen" in capsys.readouterr().err


def test_relay_rejects_a_message_of_another_election(ceremony) -> None:
    dirs = ceremony[0]
    with pytest.raises(TellerError, match="for election 'teller-cli', not 'other'"):
        ceremony_from_messages(
            election_id="other",
            threshold=T,
            public_keys=[_load(d / "public-key.json") for d in dirs],
            commitments=[],
            deals=[],
            complaints=[],
        )


def test_teller_bundle_orders_messages_by_teller_and_checks_them(ceremony) -> None:
    dirs = ceremony[0]
    deals = [_load(d / "deal.json") for d in reversed(dirs)]

    bundle = teller_bundle("deal", "teller-cli", deals)

    assert list(bundle) == ["format", "kind", "election_id", "messages"]
    assert bundle["format"] == "newcourse-teller-bundle/1"
    assert (bundle["kind"], bundle["election_id"]) == ("deal", "teller-cli")
    assert bundle["messages"] == deals[::-1]
    assert [m["dealer"] for m in bundle["messages"]] == [1, 2, 3]
    keys = teller_bundle("public-key", "teller-cli", [_load(d / "public-key.json") for d in dirs])
    assert [m["index"] for m in keys["messages"]] == [1, 2, 3]
    assert teller_bundle("complaints", "teller-cli", [])["messages"] == []
    with pytest.raises(TellerError, match="not a teller 'commitment' file"):
        teller_bundle("commitment", "teller-cli", deals)
    with pytest.raises(TellerError, match="for election 'teller-cli', not 'other'"):
        teller_bundle("deal", "other", deals)
    with pytest.raises(TellerError, match="two 'deal' files from teller 3"):
        teller_bundle("deal", "teller-cli", [*deals, deals[0]])
    with pytest.raises(TellerError, match="no bundles of 'teller-secret' files"):
        teller_bundle("teller-secret", "teller-cli", [])


def test_teller_cli_steps_take_bundles_and_single_files_mixed(tmp_path: Path) -> None:
    dirs = _keygen(tmp_path)
    keys = _bundle(tmp_path / "keys.json", "public-key", [d / "public-key.json" for d in dirs])
    for d in dirs:
        assert main(["commit", str(d), keys]) == 0
    commitments = _bundle(
        tmp_path / "commitments.json", "commitment", [d / "commitment.json" for d in dirs[:2]]
    )
    for d in dirs:
        # two in a bundle, the third as its own file; this teller's own file given again
        assert (
            main(
                [
                    "deal",
                    str(d),
                    commitments,
                    str(dirs[2] / "commitment.json"),
                    str(d / "commitment.json"),
                ]
            )
            == 0
        )
    deals = _bundle(tmp_path / "deals.json", "deal", [d / "deal.json" for d in dirs])
    for d in dirs:
        assert main(["receive", str(d), deals, str(d / "deal.json")]) == 0

    transcript = ceremony_from_messages(
        election_id="teller-cli",
        threshold=T,
        public_keys=_load(Path(keys))["messages"],
        commitments=_load(Path(commitments))["messages"] + [_load(dirs[2] / "commitment.json")],
        deals=_load(Path(deals))["messages"],
        complaints=[_load(d / "complaints.json") for d in dirs],
    )
    assert transcript.verify()[0] == (1, 2, 3)


def test_teller_cli_bundle_of_another_kind_or_election_is_refused(tmp_path: Path, capsys) -> None:
    dirs = _keygen(tmp_path / "a")
    others = _keygen(tmp_path / "b", election="elsewhere")
    keys = [d / "public-key.json" for d in dirs]
    wrong_kind = tmp_path / "wrong-kind.json"
    bundle = teller_bundle("public-key", "teller-cli", [_load(k) for k in keys])
    wrong_kind.write_text(json.dumps({**bundle, "kind": "commitment"}))
    assert main(["commit", str(dirs[0]), str(wrong_kind)]) == 1
    assert "a bundle of 'commitment' files; this step needs 'public-key' files" in (
        capsys.readouterr().err
    )

    elsewhere = _bundle(
        tmp_path / "elsewhere.json",
        "public-key",
        [d / "public-key.json" for d in others],
        election="elsewhere",
    )
    assert main(["commit", str(dirs[0]), elsewhere]) == 1
    assert "for election 'elsewhere', this teller is in 'teller-cli'" in capsys.readouterr().err

    smuggled = tmp_path / "smuggled.json"
    smuggled.write_text(
        json.dumps(
            {**bundle, "messages": [*bundle["messages"][:2], _load(others[2] / "public-key.json")]}
        )
    )
    assert main(["commit", str(dirs[0]), str(smuggled)]) == 1
    err = capsys.readouterr().err
    assert "smuggled.json (message 3): for election 'elsewhere'" in err


def test_teller_cli_two_different_files_from_one_teller_are_refused(tmp_path: Path, capsys) -> None:
    dirs = _keygen(tmp_path / "a")
    again = _keygen(tmp_path / "b")  # teller 3 of a second, unrelated key generation
    keys = _bundle(tmp_path / "keys.json", "public-key", [d / "public-key.json" for d in dirs])
    assert main(["commit", str(dirs[0]), keys, str(again[2] / "public-key.json")]) == 1
    assert "two different 'public-key' files from teller 3" in capsys.readouterr().err


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _published_files(published: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(published.iterdir())}


def test_teller_cli_decrypt_reads_the_published_files_from_a_zip(ceremony, tmp_path: Path) -> None:
    dirs, published = ceremony[0], ceremony[1]
    archive = _zip(tmp_path / "published.zip", _published_files(published))
    assert main(["decrypt", str(dirs[1]), str(archive)]) == 0
    from_zip = _load(dirs[1] / "decryption-share.json")
    assert main(["decrypt", str(dirs[1]), str(published)]) == 0
    from_folder = _load(dirs[1] / "decryption-share.json")
    assert from_zip["teller"] == from_folder["teller"] == 2
    assert from_zip["questions"][0][0]["share"] == from_folder["questions"][0][0]["share"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("published/manifest.json", "the files must be at the top level of the .zip"),
        ("../manifest.json", "the files must be at the top level of the .zip"),
        ("..", "no folders and no '..'"),
    ],
)
def test_teller_cli_decrypt_refuses_a_zip_with_paths(
    ceremony, tmp_path: Path, capsys, name: str, message: str
) -> None:
    dirs, published = ceremony[0], ceremony[1]
    archive = _zip(tmp_path / "bad.zip", {**_published_files(published), name: b"{}"})
    assert main(["decrypt", str(dirs[0]), str(archive)]) == 1
    assert message in capsys.readouterr().err


def test_teller_cli_decrypt_refuses_a_zip_missing_a_file_or_not_a_zip(
    ceremony, tmp_path: Path, capsys
) -> None:
    dirs, published = ceremony[0], ceremony[1]
    files = _published_files(published)
    del files["board.json"]
    assert main(["decrypt", str(dirs[0]), str(_zip(tmp_path / "short.zip", files))]) == 1
    assert "has no board.json at its top level" in capsys.readouterr().err
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    assert main(["decrypt", str(dirs[0]), str(tmp_path / "junk.zip")]) == 1
    assert "not a folder or a readable .zip file" in capsys.readouterr().err


def test_teller_cli_decrypt_refuses_a_zip_member_over_the_limit(
    ceremony, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    dirs, published = ceremony[0], ceremony[1]
    assert _teller_steps.MAX_ZIP_MEMBER == 200 * 1024 * 1024
    archive = _zip(tmp_path / "big.zip", _published_files(published))
    board = len((published / "board.json").read_bytes())
    monkeypatch.setattr(_teller_steps, "MAX_ZIP_MEMBER", board - 1)
    assert main(["decrypt", str(dirs[0]), str(archive)]) == 1
    assert "board.json is over" in capsys.readouterr().err


def _board_list(election: Election, board: Board) -> BallotList:
    return board_ballot_list(
        election.manifest.election_id,
        election.fingerprint,
        election.key,
        ([a.choices for a in ballot.answers] for ballot in board.counted()),
    )


def test_teller_cli_shuffle_with_the_published_files_checks_key_and_board(
    ceremony, tmp_path: Path
) -> None:
    dirs, published, (election, _, _, board, _, _) = ceremony
    paths = [ballot_list_write(tmp_path / "list-0.json", _board_list(election, board))]
    for index, directory in enumerate(dirs, 1):
        out = tmp_path / f"list-{index}.json"
        args = ["shuffle", str(directory), str(paths[-1]), "--out", str(out)]
        assert main([*args, "--published", str(published)]) == 0
        paths.append(out)

    lists = [ballot_list_read(p) for p in paths]
    for previous, current in itertools.pairwise(lists):
        shuffle_link_check(
            previous,
            current,
            election_id="teller-cli",
            fingerprint=election.fingerprint,
            key=election.key,
        )


def test_teller_cli_shuffle_refuses_a_list_under_another_key(
    ceremony, tmp_path: Path, capsys
) -> None:
    dirs, published, (election, _, _, board, _, _) = ceremony
    start = _board_list(election, board)
    rng = seeded_scalars(b"server's key")
    server_key = base_mul(rng())
    forged = dataclasses.replace(
        start,
        key=server_key,
        ballots=tuple(tuple(encrypt(server_key, 0, rng()) for _ in row) for row in start.ballots),
    )
    source = ballot_list_write(tmp_path / "forged.json", forged)
    out = tmp_path / "out.json"

    assert main(["shuffle", str(dirs[0]), str(source), "--out", str(out)]) == 0
    capsys.readouterr()
    out.unlink()
    checked = ["--out", str(out), "--published", str(published)]
    assert main(["shuffle", str(dirs[0]), str(source), *checked]) == 1
    assert "not under the election key and fingerprint of the ceremony" in capsys.readouterr().err
    assert not out.exists()


def test_teller_cli_shuffle_refuses_a_first_list_that_is_not_the_boards(
    ceremony, tmp_path: Path, capsys
) -> None:
    dirs, published, (election, _, _, board, _, _) = ceremony
    start = _board_list(election, board)
    short = dataclasses.replace(start, ballots=start.ballots[1:])
    source = ballot_list_write(tmp_path / "short.json", short)
    out = tmp_path / "out.json"

    checked = ["--out", str(out), "--published", str(published)]
    assert main(["shuffle", str(dirs[0]), str(source), *checked]) == 1
    assert "not the board's counted ballots in board order" in capsys.readouterr().err
    assert not out.exists()
