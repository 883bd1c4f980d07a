import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newcourse.counting import read_blt
from newcourse.elections import services
from newcourse.elections.models import Election, ElectionStatus


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
