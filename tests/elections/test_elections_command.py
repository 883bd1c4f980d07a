import datetime
import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newcourse.counting import read_blt
from newcourse.crypto import teller_step_keygen
from newcourse.crypto._verify_cli import main as verify_main
from newcourse.demo.tellers import cast, run_decryption
from newcourse.elections import services
from newcourse.elections.models import Election, ElectionStatus
from newcourse.record.models import RecordEntry
from newcourse.verifiable import selectors as verifiable


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("election", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refusal(*args):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert refused.value.returncode == 2
    return str(refused.value)


@pytest.fixture
def declared(voting, standing, electorate):
    """Five ballots cast, then the timetable run past the close: counted and declared."""
    election, later = voting
    ids = [str(c.pk) for c in standing]
    rankings = [ids, ids[::-1], [ids[1]], [ids[0], ids[2]], [ids[2], ids[0]]]
    for member, ranking in zip(electorate, rankings, strict=False):
        services.ballot_cast(election=election, member=member, choices=ranking, now=later)
    return services.election_advance(election=election, now=later + datetime.timedelta(days=2))


def test_election_list_json_has_the_documented_keys(declared, office):
    out, _err = run("list", "--format", "json")
    (row,) = json.loads(out)
    assert {"id", "body", "office", "method", "status", "ballots", "verifiable"} <= set(row)
    assert (row["id"], row["body"], row["office"], row["method"]) == (
        declared.pk,
        "region",
        "Committee",
        "scottish-stv",
    )
    assert (row["status"], row["ballots"], row["verifiable"]) == ("declared", 5, False)


def test_election_list_text_has_one_line_each(election):
    out, _err = run("list")
    assert out == (
        f"{election.pk:>5}  nominations  region: Committee (regular, scottish-stv, 0 ballots)\n"
    )


def test_election_export_writes_ballots_and_stored_result(declared, tmp_path):
    blt, report = tmp_path / "ballots.blt", tmp_path / "result.json"
    _out, err = run("export", str(declared.pk), "--ballots", str(blt), "--result", str(report))
    declared.refresh_from_db()
    assert read_blt(blt).total_weight == 5
    assert read_blt(blt).candidates == ("Voter 0", "Voter 1", "Voter 2")
    assert json.loads(report.read_text(encoding="utf-8")) == declared.result
    assert err == f"Wrote {blt}.\nWrote {report}.\n"


def test_election_export_writes_result_alone(declared, tmp_path):
    report = tmp_path / "result.json"
    run("export", str(declared.pk), "--result", str(report))
    declared.refresh_from_db()
    assert json.loads(report.read_text(encoding="utf-8")) == declared.result
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_election_export_before_the_count_is_refused(voting, tmp_path):
    election, _later = voting
    message = refusal("export", str(election.pk), "--ballots", str(tmp_path / "b.blt"))
    assert message == (
        "The ballots and the count are published once voting has closed and the count is done."
    )
    assert list(tmp_path.iterdir()) == []


def test_election_export_of_unknown_election_is_refused(db, tmp_path):
    message = refusal("export", "999999", "--result", str(tmp_path / "r.json"))
    assert message == "There is no election 999999."


def test_election_export_to_missing_folder_writes_nothing(declared, tmp_path):
    blt, report = tmp_path / "ballots.blt", tmp_path / "missing" / "result.json"
    message = refusal("export", str(declared.pk), "--ballots", str(blt), "--result", str(report))
    assert message == f"{tmp_path / 'missing'} does not exist."
    assert not blt.exists()


def test_election_export_without_an_output_is_refused(declared):
    assert refusal("export", str(declared.pk)) == (
        "Give --ballots FILE.blt, --result FILE.json or both."
    )


def test_election_tick_prints_what_moved(office):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - hour,
        nominations_close_at=now + hour,
        voting_opens_at=now + hour,
        voting_closes_at=now + 2 * hour,
    )
    out, _err = run("tick")
    assert out == f"election {election.pk} (Committee, Region): scheduled -> nominations\n"
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.NOMINATIONS


def test_election_tick_with_nothing_due_says_so(election):
    assert run("tick") == ("Nothing was due.\n", "")


# Verifiable elections: `record` and `tellers`.

HOUR = datetime.timedelta(hours=1)


def refused_with(returncode, *args):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert refused.value.returncode == returncode
    return str(refused.value)


@pytest.fixture
def verifiable_declared(open_verifiable_election, verifiable_voters):
    """Four ballots (one audited first, one revote), closed, decrypted by tellers 1, 3 and 5,
    declared. Returns the election and the tracker of Voter 0's ballot."""
    election, directories, codes = open_verifiable_election
    code = {m.pk: codes[m.person.email] for m in verifiable_voters}
    tracker = cast(election, verifiable_voters[0], code[verifiable_voters[0].pk], [1, 0, 0])
    cast(election, verifiable_voters[1], code[verifiable_voters[1].pk], [0, 1, 0], audit=True)
    cast(election, verifiable_voters[1], code[verifiable_voters[1].pk], [0, 1, 0])
    cast(election, verifiable_voters[2], code[verifiable_voters[2].pk], [0, 0, 1])
    cast(election, verifiable_voters[2], code[verifiable_voters[2].pk], [1, 0, 0])
    election = services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    run_decryption(election, directories, present=[1, 3, 5])
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECLARED
    return election, tracker


def test_election_record_writes_what_newcourse_verify_accepts(verifiable_declared, tmp_path):
    election, tracker = verifiable_declared
    out = tmp_path / "record"
    _out, err = run("record", str(election.pk), "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == sorted(verifiable.record_bytes(election))
    assert verify_main([str(out), "--processes", "1", "--tracker", tracker]) == 0
    assert err == (
        f"Wrote the record of election {election.pk} (9 files) to {out}. "
        f"Check it with: newcourse verify {out}\n"
    )
    declared = RecordEntry.objects.get(
        action="election.declared", subject=f"election:{election.pk}"
    )
    index = (out / "index.json").read_bytes()
    assert declared.payload["election_record_sha256"] == hashlib.sha256(index).hexdigest()


def test_election_record_into_an_empty_existing_folder(verifiable_declared, tmp_path):
    election, _tracker = verifiable_declared
    run("record", str(election.pk), "--out", str(tmp_path))
    assert verify_main([str(tmp_path), "--processes", "1"]) == 0


def test_election_record_will_not_write_into_a_folder_in_use_without_force(
    verifiable_declared, tmp_path
):
    election, _tracker = verifiable_declared
    (tmp_path / "notes.txt").write_text("mine")
    message = refused_with(2, "record", str(election.pk), "--out", str(tmp_path))
    assert message == (
        f"{tmp_path} is not empty: give an empty or new folder, or --force to write into it."
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    (tmp_path / "index.json").write_text("stale")
    run("record", str(election.pk), "--out", str(tmp_path), "--force")
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert verify_main([str(tmp_path), "--processes", "1"]) == 0


def test_election_record_to_a_file_is_refused(verifiable_declared, tmp_path):
    election, _tracker = verifiable_declared
    (tmp_path / "record").write_text("")
    message = refused_with(2, "record", str(election.pk), "--out", str(tmp_path / "record"))
    assert message == f"{tmp_path / 'record'} is a file, not a folder."


def test_election_record_of_a_secret_ballot_is_refused(declared, tmp_path):
    message = refused_with(2, "record", str(declared.pk), "--out", str(tmp_path / "record"))
    assert message == (
        f"Election {declared.pk} is not verifiable: its ballots are secret but not encrypted, "
        "so it has no tellers, credentials or election record."
    )
    assert not (tmp_path / "record").exists()


def test_election_record_before_the_declaration_is_refused(open_verifiable_election, tmp_path):
    election, _directories, _codes = open_verifiable_election
    message = refused_with(2, "record", str(election.pk), "--out", str(tmp_path / "record"))
    assert message == (
        f"Election {election.pk} has not been declared yet (it is voting): its record is "
        "published with the result."
    )
    assert not (tmp_path / "record").exists()


def test_election_record_of_unknown_election_is_refused(db, tmp_path):
    assert refused_with(2, "record", "999999", "--out", str(tmp_path)) == (
        "There is no election 999999."
    )


def test_election_tellers_shows_who_has_handed_in_what(tellers, schedule_verifiable, home):
    election = schedule_verifiable()
    assert election.verifiable
    directory = home / "teller-2"
    teller_step_keygen(
        directory, election_id=election.verification.record_id, index=2, tellers=5, threshold=3
    )
    document = json.loads((directory / "public-key.json").read_text(encoding="utf-8"))
    services.teller_submit(election=election, member=tellers[1], document=document)
    out, _err = run("tellers", str(election.pk))
    numbers = [t.number for t in tellers]
    assert out == (
        f"Election {election.pk} (Treasurer, Region), nominations: record id "
        f"{election.verification.record_id}, 5 tellers, threshold 3.\n"
        "Handed in: public-key 1/5, commitment 0/5, deal 0/5, complaints 0/5, "
        "decryption-share 0/5\n"
        f"  1  Teller 0 ({numbers[0]}): nothing yet\n"
        f"  2  Teller 1 ({numbers[1]}): public-key\n"
        f"  3  Teller 2 ({numbers[2]}): nothing yet\n"
        f"  4  Teller 3 ({numbers[3]}): nothing yet\n"
        f"  5  Teller 4 ({numbers[4]}): nothing yet\n"
    )


def test_election_tellers_json_after_the_count(verifiable_declared):
    election, _tracker = verifiable_declared
    out, _err = run("tellers", str(election.pk), "--format", "json")
    shown = json.loads(out)
    assert (shown["election"], shown["election_id"], shown["status"]) == (
        election.pk,
        election.verification.record_id,
        "declared",
    )
    assert (shown["tellers"], shown["threshold"]) == (5, 3)
    assert shown["steps"] == {
        "public-key": 5,
        "commitment": 5,
        "deal": 5,
        "complaints": 5,
        "decryption-share": 3,
    }
    ceremony = ["public-key", "commitment", "deal", "complaints"]
    assert [(t["index"], t["handed_in"]) for t in shown["members"]] == [
        (1, [*ceremony, "decryption-share"]),
        (2, ceremony),
        (3, [*ceremony, "decryption-share"]),
        (4, ceremony),
        (5, [*ceremony, "decryption-share"]),
    ]


def test_election_tellers_of_a_secret_ballot_is_refused(declared):
    assert refused_with(2, "tellers", str(declared.pk)).startswith(
        f"Election {declared.pk} is not verifiable"
    )
