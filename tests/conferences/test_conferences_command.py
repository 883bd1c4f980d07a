"""`newcourse conference list|show|motions|motion|amendments|rulings|composite|instructions|
priorities`: the conferences, their delegates, their motions and where each stands, a motion's
amendments, the committee's rulings, a composite's lines, a unit's instructions and the
priorities ballot from the command line; an unknown conference, motion, composite or body
answered with exit code 2."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from tests.conferences import amending
from tests.conferences.amending import branch_secretary
from tests.conferences.credentialing import (
    after_delegates,
    credentials_committee,
    issued,
    review,
    seat,
    seat_alternates,
    stand_down,
)
from tests.conferences.mandating import instruct, rule
from tests.conferences.prioritising import close, congress, open_ballot, vote
from tests.conferences.steps import call, committee, fixed

from newcourse.conferences import services
from newcourse.conferences.models import Delegation
from newcourse.conferences.services.agenda import Entry
from newcourse.offices import services as office_services
from newcourse.offices.models import Office


@pytest.fixture
def rulebook_parameters():
    return {"delegates.members_per_delegate": "3", "delegates.minimum": "1"}


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def north(tree, make_member):
    return [make_member(tree["north"]) for _ in range(4)]


def test_conference_show_json_gives_the_fixed_delegates(tree, secretary, north, capsys):
    conference = fixed(secretary, tree["international"])
    call_command("conference", "show", str(conference.pk), "--format", "json")
    assert json.loads(capsys.readouterr().out) == {
        "conference": conference.pk,
        "title": "Congress 2027",
        "fixed": True,
        "rule": "one delegate per 3 members, or part thereof, at least 1",
        "rulebook_version": 1,
        "delegates": {"north": 2, "south": 0, "far": 1},
        "total": 3,
    }


def test_conference_show_prints_the_table_with_its_arithmetic(tree, secretary, north, capsys):
    conference = fixed(secretary, tree["international"])
    call_command("conference", "show", str(conference.pk))
    out = capsys.readouterr().out
    assert "north        4      2  4 / 3, up 2 → 2" in out
    assert "Fixed at the freeze on" in out
    assert "total        5      3" in out.splitlines()
    office = Office.objects.get(body=tree["north"], conference_delegation__isnull=False)
    alternates = Office.objects.get(body=tree["north"], conference_alternates__isnull=False)
    line = f"  north  0 / 2  office {office.pk}, alternates office {alternates.pk}"
    assert line in out.splitlines()


def test_conference_list_for_a_branch_gives_the_conferences_above_it(tree, secretary, capsys):
    conference = call(secretary, tree["international"])
    call_command("conference", "list", "--body", "north")
    out = capsys.readouterr().out
    assert out.startswith(f"{conference.pk:>4}  Congress 2027  (international, freeze ")
    assert "delegates not yet fixed" in out


def test_conference_list_with_none_says_so(tree, capsys):
    call_command("conference", "list")
    assert capsys.readouterr().out == "No conference called yet.\n"


def test_conference_show_of_no_such_conference_is_refused(tree):
    with pytest.raises(CommandError, match="no conference 99") as refused:
        call_command("conference", "show", "99")
    assert refused.value.returncode == 2


def test_conference_list_of_no_such_body_is_refused(tree):
    with pytest.raises(CommandError, match="no body") as refused:
        call_command("conference", "list", "--body", "atlantis")
    assert refused.value.returncode == 2


@pytest.fixture
def motion(tree, secretary, north):
    """North's motion: its officer, with its four members at a quorate meeting."""
    conference = call(secretary, tree["international"], unit_kind="Branch")
    officer = office_services.office_create(actor="t", body=tree["north"], title="Secretary")
    office_services.term_record_founding(actor="t", office=officer, members=[north[0]])
    return services.motion_submit(
        person=north[0].person,
        member=north[0],
        conference=conference,
        body=tree["north"],
        title="Cost of living",
        text="Conference notes the cost of living.\n\nConference resolves to fight for a pay rise.",
        meeting_on=timezone.localdate(),
        votes_for=3,
        votes_against=1,
        votes_abstain=0,
    )


def test_conference_motions_lists_number_body_and_title(motion, capsys):
    call_command("conference", "motions", str(motion.conference_id))
    assert (
        capsys.readouterr().out
        == f"  1  north  Cost of living  (motion {motion.pk}; awaiting a ruling)\n"
    )


def test_conference_motions_with_none_says_so(tree, secretary, capsys):
    conference = call(secretary, tree["international"])
    call_command("conference", "motions", str(conference.pk))
    assert capsys.readouterr().out == "No motion submitted yet.\n"


def test_conference_motion_prints_the_decision_and_the_numbered_text(motion, capsys):
    call_command("conference", "motion", str(motion.pk))
    assert capsys.readouterr().out.splitlines() == [
        "Motion 1 to Congress 2027, from North",
        f"Carried at the meeting of {timezone.localdate()}: 3 for, 1 against, 0 abstaining.",
        "1  Cost of living",
        "2  Conference notes the cost of living.",
        "3  Conference resolves to fight for a pay rise.",
    ]


def test_conference_motion_of_no_such_motion_is_refused(tree):
    with pytest.raises(CommandError, match="no motion 99") as refused:
        call_command("conference", "motion", "99")
    assert refused.value.returncode == 2


def test_conference_motions_of_no_such_conference_is_refused(tree):
    with pytest.raises(CommandError, match="no conference 99") as refused:
        call_command("conference", "motions", "99")
    assert refused.value.returncode == 2


def test_conference_amendments_prints_each_as_a_diff(tree, secretary, make_member, capsys):
    conference = call(secretary, tree["international"], unit_kind="Branch")
    north, south = (branch_secretary(tree[b], make_member) for b in ("north", "south"))
    motion = amending.motion(north, conference, tree["north"])
    amending.amend(south, motion, tree["south"])
    amending.amend(south, motion, tree["south"], text=amending.AMENDED.replace("strike", "march"))
    call_command("conference", "amendments", str(motion.pk))
    assert capsys.readouterr().out.splitlines()[:7] == [
        "Amendment 1 from south; conflicts with 2",
        "--- motion 1",
        "+++ amendment 1",
        "@@ line 3 (was line 3) @@",
        "  2 2 | Conference notes the cost of living.",
        "- 3   | Conference resolves to fight for a pay rise.",
        "+   3 | Conference resolves to strike for a pay rise.",
    ]


def test_conference_amendments_of_an_unknown_motion_exits_2(db):
    with pytest.raises(CommandError) as error:
        call_command("conference", "amendments", "999")
    assert error.value.returncode == 2


def test_conference_rulings_lists_each_ruling_and_composite_and_motions_their_standing(
    tree, secretary, make_member, capsys
):
    conference = call(secretary, tree["international"], unit_kind="Branch")
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    north_secretary = branch_secretary(tree["north"], make_member)
    south_secretary = branch_secretary(tree["south"], make_member)
    first = amending.motion(north_secretary, conference, tree["north"])
    second = amending.motion(
        south_secretary, conference, tree["south"], text="Conference backs rent controls."
    )
    services.ruling_make(
        person=chair.person,
        member=chair,
        conference=conference,
        kind="out-of-order",
        reason="Not our business.",
        motion=first,
    )
    composite = services.composite_draft(
        person=chair.person,
        member=chair,
        conference=conference,
        motions=[second, amending.motion(south_secretary, conference, tree["south"])],
        title="Rent",
        text="Conference backs rent controls.\n\nConference asks the executive to act.",
    )
    call_command("conference", "rulings", str(conference.pk))
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("motion 1: out-of-order. Not our business.")
    assert out[1] == f"C1  Rent  (pending; composite {composite.pk})"
    call_command("conference", "motions", str(conference.pk))
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(f"(motion {first.pk}; out-of-order)")
    assert out[1].endswith(f"(motion {second.pk}; awaiting a ruling)")
    call_command("conference", "composite", str(composite.pk))
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "Composite C1 to Congress 2027: pending",
        "  motion 2 (south): pending",
        "  motion 3 (south): pending",
    ]
    assert out[3:] == [
        "1       Rent",
        "2  M2   Conference backs rent controls.",
        "3       Conference asks the executive to act.",
    ]


def test_an_unknown_composite_or_conference_exits_with_2(db):
    for args in (("composite", "999"), ("rulings", "999")):
        with pytest.raises(CommandError) as refused:
            call_command("conference", *args)
        assert refused.value.returncode == 2


def test_conference_credentials_prints_each_body_and_its_delegates(tree, secretary, north, capsys):
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], north[:2])
    credentials = issued(conference)
    committee_chair = north[3]
    credentials_committee(secretary, conference, [committee_chair])
    review(committee_chair, credentials[north[1].person.full_name], verified=False, reason="Late")
    call_command("conference", "credentials", str(conference.pk))
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "north: entitled 2, elected 2, issued 2, verified 0, rejected 1, pending 1, "
        "stood down 0, held now 2"
    )
    assert f"  {north[1].number}  {north[1].person.full_name}  rejected: Late" in out
    assert out[-1] == (
        "far: entitled 1, elected 0, issued 0, verified 0, rejected 0, pending 0, "
        "stood down 0, held now 0"
    )


def test_conference_credentials_prints_the_alternates_in_line_and_whose_seat_they_took(
    tree, secretary, north, capsys
):
    conference = fixed(secretary, tree["international"])
    seat(conference, tree["north"], north[:2])
    seat_alternates(conference, tree["north"], north[2:4])
    credentials = issued(conference)
    stand_down(north[0], credentials[north[0].person.full_name], reason="Taken ill")
    call_command("conference", "credentials", str(conference.pk))
    out = capsys.readouterr().out.splitlines()
    day = after_delegates(conference).date().isoformat()
    names = [member.person.full_name for member in north]
    assert out[0].endswith("stood down 1, held now 2")
    assert f"    stood down {day}: Taken ill; seat taken by {names[2]}" in out
    assert f"    alternate for {names[0]}" in out
    assert out[out.index("  alternates, in line:") + 1 :][:2] == [
        f"   1. {north[2].number}  {names[2]}  seated, in the seat of {names[0]}",
        f"   2. {north[3].number}  {names[3]}  waiting",
    ]


def test_conference_credentials_of_an_unknown_conference_exits_2(db):
    with pytest.raises(CommandError) as raised:
        call_command("conference", "credentials", "999")
    assert raised.value.returncode == 2


def test_conference_agenda_prints_the_items_and_writes_the_papers_pdf(
    pdf_printing, tree, secretary, make_member, capsys, tmp_path
):
    conference = call(secretary, tree["international"], unit_kind="Branch")
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    call_command("conference", "agenda", str(conference.pk))
    assert "No agenda published yet" in capsys.readouterr().out
    services.agenda_publish(
        person=chair.person,
        member=chair,
        conference=conference,
        entries=[Entry(kind="report", minutes=30, title="The executive's report")],
    )
    pdf = tmp_path / "papers.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("conference", "agenda", str(conference.pk), "--pdf", str(pdf))
    assert refused.value.returncode == 2
    services.conferences_tick()
    call_command("conference", "agenda", str(conference.pk), "--pdf", str(pdf))
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == [
        "  1   30 min  The executive's report (report)",
        "      30 min in all",
        f"Papers, version 1, written to {pdf}.",
    ]
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_conference_instructions_prints_each_item_and_its_instruction(
    tree, secretary, make_member, capsys
):
    north_secretary = amending.branch_secretary(tree["north"], make_member)
    conference = fixed(secretary, tree["international"])
    chair = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [chair])
    submitted = amending.motion(north_secretary, conference, tree["north"])
    rule(chair, conference, motion=submitted)
    delegation = Delegation.objects.get(conference=conference, unit=tree["north"])
    instruct(north_secretary, delegation, "for", motion=submitted)
    instruct(north_secretary, delegation, "against", votes=(6, 2, 0), motion=submitted)

    call_command("conference", "instructions", str(conference.pk), "--unit", "north")

    today = timezone.localdate()
    assert capsys.readouterr().out.splitlines() == [
        "Delegates are mandated (rule 5.5, rulebook version 1).",
        f"  1. Cost of living: against (meeting of {today}: 6 for, 2 against, 0 abstaining)",
        f"    replaced for ({today})",
    ]


def test_conference_instructions_of_a_unit_with_no_delegation_is_refused(tree, secretary):
    conference = fixed(secretary, tree["international"])

    with pytest.raises(CommandError, match="region sends no delegation") as refused:
        call_command("conference", "instructions", str(conference.pk), "--unit", "region")
    assert refused.value.returncode == 2


def test_conference_priorities_prints_the_open_ballot_and_then_its_count(
    tree, make_member, secretary, capsys
):
    ready = congress(tree, make_member, secretary)
    ballot = open_ballot(ready)
    for delegate, marks in zip(
        ready.delegates[:3], [["Pay"], ["Pay", "Housing"], ["Transport"]], strict=True
    ):
        vote(ballot, delegate, marks)
    call_command("conference", "priorities", str(ready.conference.pk))
    opened = capsys.readouterr().out
    assert "open; each of the 5 delegates approves up to 2 of 3 topics, 2 reach the floor" in opened
    assert "Voted so far: 3" in opened

    close(ballot)
    call_command("conference", "priorities", str(ready.conference.pk))

    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "Counted: 3 papers"
    assert lines[3].split() == ["2", "1.", "Pay", "priority"]
    assert lines[-1].startswith("Tie for the last place between 2. Housing, 3. Transport: ")
    assert lines[-1].endswith("chosen by lot")


def test_conference_priorities_without_a_ballot_says_so(tree, secretary, capsys):
    conference = fixed(secretary, tree["international"])

    call_command("conference", "priorities", str(conference.pk))

    assert "No priorities ballot" in capsys.readouterr().out
