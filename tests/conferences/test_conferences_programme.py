"""A body's programme: written once by the officers who call its conferences, then changed
only by conference. A programme amendment is a motion on the programme as it stands; carried,
it is the next version at once, every line credited to the version that last wrote it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from tests.conferences.amending import RULEBOOK, branch_secretary
from tests.conferences.deciding import PROGRAMME, carried, programme_amendment

from newcourse.conferences import selectors, services
from newcourse.conferences.models import ProgrammeVersion
from newcourse.documents import parse_document
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidInput, NotEligible, NotPermitted, OutsideWindow


@pytest.fixture
def rulebook_parameters():
    return {**RULEBOOK, "motions.max_words": "40"}


@pytest.fixture
def north(tree, make_member):
    return branch_secretary(tree["north"], make_member)


@pytest.fixture
def founded(tree, secretary):
    return services.programme_found(
        person=secretary.person, member=secretary, body=tree["international"], text=PROGRAMME
    )


def test_the_officers_who_call_conferences_write_the_first_programme_once(tree, secretary, founded):
    assert (founded.number, founded.source) == (1, "founding")
    assert RecordEntry.objects.filter(action="conference.programme_founded").count() == 1
    with pytest.raises(AlreadyDone, match="only its conference changes it"):
        services.programme_found(
            person=secretary.person, member=secretary, body=tree["international"], text="# New\n"
        )


def test_a_member_who_calls_no_conference_writes_no_programme(tree, north):
    with pytest.raises(NotPermitted):
        services.programme_found(
            person=north.person, member=north, body=tree["international"], text=PROGRAMME
        )
    assert not ProgrammeVersion.objects.exists()


def test_an_empty_or_unreadable_programme_is_refused(tree, secretary):
    for text in ("Wages for all, without a title.", "# Programme\n\n1.1 A {tag without end\n"):
        with pytest.raises(InvalidInput, match="The programme cannot be read"):
            services.programme_found(
                person=secretary.person, member=secretary, body=tree["international"], text=text
            )
    for text in ("", "   \n"):
        with pytest.raises(InvalidInput, match="Write the programme"):
            services.programme_found(
                person=secretary.person, member=secretary, body=tree["international"], text=text
            )
    assert not ProgrammeVersion.objects.exists()


def test_a_version_is_never_changed(founded):
    founded.text = "# Rewritten\n"
    with pytest.raises(PermissionError):
        founded.save()


def test_a_programme_amendment_amends_the_latest_version(tree, conference, north, founded):
    motion = programme_amendment(
        north, conference, tree["north"], "every city", "every town and city"
    )
    assert motion.amends_programme == founded
    with pytest.raises(OutsideWindow, match=r"version 2 .* version 1 has replaced"):
        programme_amendment(north, conference, tree["north"], "city", "town", version=2)


def test_an_amendment_to_no_programme_or_that_changes_nothing_is_refused(
    tree, conference, north, founded
):
    with pytest.raises(InvalidInput, match="changes nothing in the programme"):
        programme_amendment(north, conference, tree["north"], "city", "city")
    with pytest.raises(InvalidInput, match="both"):
        services.motion_submit(
            person=north.person,
            member=north,
            conference=conference,
            body=tree["north"],
            title="Both",
            text=PROGRAMME,
            meeting_on=timezone.localdate(),
            votes_for=5,
            votes_against=1,
            amends_version=1,
            amends_programme_version=1,
        )


def test_no_programme_no_amendment(tree, conference, north):
    with pytest.raises(NotEligible, match="no programme yet"):
        services.motion_submit(
            person=north.person,
            member=north,
            conference=conference,
            body=tree["north"],
            title="On the programme",
            text=PROGRAMME,
            meeting_on=timezone.localdate(),
            votes_for=5,
            votes_against=1,
            amends_programme_version=1,
        )


def test_carried_it_is_the_next_version_and_its_lines_are_credited_to_it(
    tree, conference, chair, north, founded
):
    motion = programme_amendment(
        north, conference, tree["north"], "every city", "every town and city"
    )
    (decision,) = carried(chair, conference, motion)
    version = selectors.programme_latest(tree["international"])
    assert decision.programme_version == version
    assert (version.number, version.conference_motion) == (2, motion.pk)
    assert "Rents controlled in every town and city." in version.text
    versions = selectors.programme_versions(tree["international"])
    (run,) = selectors.programme_lines_changed(versions, version)
    assert run.version == version
    lines = parse_document(version.text).lines()
    assert run.last == run.first
    assert lines[run.first - 1].text == "2.1 Rents controlled in every town and city."
    assert RecordEntry.objects.filter(action="conference.programme_adopted").count() == 1


def test_two_amendments_on_other_lines_both_apply_and_on_the_same_lines_the_second_does_not(
    tree, conference, chair, north, founded, make_member
):
    south = branch_secretary(tree["south"], make_member)
    wages = programme_amendment(
        north, conference, tree["north"], "A living wage", "A real living wage"
    )
    housing = programme_amendment(south, conference, tree["south"], "every city", "every town")
    again = programme_amendment(north, conference, tree["north"], "every city", "every village")
    first, second, third = carried(chair, conference, wages, housing, again)
    assert (first.programme_version.number, second.programme_version.number) == (2, 3)
    text = selectors.programme_latest(tree["international"]).text
    assert "A real living wage" in text and "every town." in text
    assert third.programme_version is None
    assert "changes the same lines" in third.not_applied


def test_the_programme_command_marks_each_line_a_later_version_wrote(
    tree, conference, chair, north, founded, capsys
):
    call_command("conference", "programme", "international", "--version", "1")
    assert "2.1 Rents controlled in every city." in capsys.readouterr().out
    carried(
        chair, conference, programme_amendment(north, conference, tree["north"], "city", "town")
    )
    call_command("conference", "programme", "international")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Programme of International, version 2 of 2, adopted ")
    assert out[-1].split() == ["5", "v2", "2.1", "Rents", "controlled", "in", "every", "town."]
    with pytest.raises(CommandError) as refused:
        call_command("conference", "programme", "international", "--version", "5")
    assert refused.value.returncode == 2
