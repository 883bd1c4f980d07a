"""The lot that breaks ties is seeded from the closed ballot box: nobody, the operator
included, can choose it before voting closes, and anyone with the published ballots derives
the same seed (docs/counting.md, "Ties and lots")."""

import datetime
import hashlib
import json

from newcourse import counting
from newcourse.counting._cli import main as count_main
from newcourse.elections import publication, services
from newcourse.elections.models import ElectionStatus
from newcourse.offices import services as office_services

HOUR = datetime.timedelta(hours=1)


def counted(tree, electorate, title, rankings):
    """A two-seat Scottish STV election for a new office `title`: Voters 0, 1 and 2 stand,
    voter n casts rankings[n] (by candidate position), and the box is counted and declared."""
    now = datetime.datetime.now(datetime.UTC)
    office = office_services.office_create(
        actor="system:test", body=tree["region"], title=title, seats=2
    )
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - 5 * HOUR,
        nominations_close_at=now - 4 * HOUR,
        voting_opens_at=now - 4 * HOUR,
        voting_closes_at=now - HOUR,
    )
    services.election_advance(election=election, now=now - 4.5 * HOUR)
    candidates = []
    for n in range(3):
        nomination = services.candidate_nominate(
            nominator=electorate[3],
            election=election,
            candidate=electorate[n],
            now=now - 4.5 * HOUR,
        )
        services.candidate_second(
            seconder=electorate[4], candidate=nomination, now=now - 4.5 * HOUR
        )
        services.candidate_accept(member=electorate[n], candidate=nomination, now=now - 4.5 * HOUR)
        candidates.append(str(nomination.pk))
    election = services.election_advance(election=election, now=now - 3 * HOUR)
    assert election.seed == ""
    for member, ranking in zip(electorate, rankings, strict=False):
        services.ballot_cast(
            election=election,
            member=member,
            choices=[candidates[i] for i in ranking],
            now=now - 3 * HOUR,
        )
    election = services.election_advance(election=election, now=now)
    assert election.status == ElectionStatus.DECLARED
    return election


BOX = [[0, 1], [1, 0], [2], [0, 2], [2, 0]]


def documented_seed(seats, names, rankings):
    """The formula of docs/counting.md, written out independently of the library."""
    h = hashlib.sha256()
    h.update(f"newcourse-seed/1\x1e{seats}\x1e".encode())
    h.update("\x1f".join(names).encode())
    h.update(b"\x1e\x1e")  # no withdrawals
    patterns = {}
    for ranking in rankings:
        key = ";".join(str(c) for c in ranking)
        patterns[key] = patterns.get(key, 0) + 1
    for key in sorted(patterns):
        h.update(f"{key}:{patterns[key]}\n".encode())
    return h.hexdigest()[:20]


def test_the_seed_is_the_documented_hash_of_the_closed_box(tree, electorate):
    election = counted(tree, electorate, "Committee", BOX)
    names = ["Voter 0", "Voter 1", "Voter 2"]  # ballot-paper order: by name
    assert election.seed == documented_seed(2, names, BOX)
    assert election.result["seed"] == election.seed
    assert election.result["seed_from"] == "ballots"


def test_the_seed_changes_when_one_ballot_changes(tree, electorate):
    first = counted(tree, electorate, "Committee", BOX)
    other = counted(tree, electorate, "Panel", [*BOX[:4], [2, 1]])
    assert first.seed != other.seed


def test_the_seed_is_recorded_with_the_count(tree, electorate):
    election = counted(tree, electorate, "Committee", BOX)
    counted_entry = election.office.body.record_entries.get(
        subject=f"election:{election.pk}", action="election.counted"
    )
    assert counted_entry.payload["seed"] == election.seed
    opened = election.office.body.record_entries.get(
        subject=f"election:{election.pk}", action="election.voting_opened"
    )
    assert "seed" not in opened.payload


def test_anyone_derives_the_seed_from_the_published_ballots(tree, electorate, tmp_path, capsys):
    election = counted(tree, electorate, "Committee", BOX)
    path = tmp_path / "ballots.blt"
    path.write_text(publication.ballots_blt(election))
    assert count_main([str(path), "--method", "scottish-stv", "--format", "json"]) == 0
    report = counting.report_from_json(json.loads(capsys.readouterr().out))
    assert report.seed == election.seed
    assert counting.report_to_text(report).count(election.seed) == 1


def test_the_result_page_says_how_the_seed_was_made(client, tree, electorate):
    election = counted(tree, electorate, "Committee", BOX)
    client.force_login(electorate[5].person)
    page = client.get(f"/elections/{election.pk}/").content.decode()
    assert "seeded with SHA-256(the counted ballot box) =" in page
    assert f"<code>{election.seed}</code>" in page


def test_a_verifiable_count_hashes_the_board_head_too():
    election = counting.Election(
        ("Ann", "Bob"), 1, (counting.Ballot(((0,),), 3), counting.Ballot(((1,),), 3))
    )
    plain = counting.count(election, "plurality")
    with_board = counting.count(election, "plurality", board_head="ab" * 32)
    assert plain.seed_from == "ballots"
    assert with_board.seed_from == "ballots+board"
    assert with_board.seed == counting.default_seed(election, board_head="ab" * 32)
    assert with_board.seed != plain.seed
    assert with_board.seed != counting.count(election, "plurality", board_head="cd" * 32).seed
    assert "SHA-256 of the board's final hash" in counting.report_to_text(with_board)
