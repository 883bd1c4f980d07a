"""`newcourse floor ID`: the hall from the command line, in text or JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.floor.sitting import cast, check_in, close, open_vote


def run(*args):
    out = io.StringIO()
    call_command("floor", *args, stdout=out)
    return out.getvalue()


def test_the_command_shows_attendance_and_the_votes_taken(hall):
    check_in(hall, *hall.delegates)
    vote = open_vote(hall, question="That the question be now put")
    for delegate in hall.delegates:
        cast(hall, delegate, vote, "for")
    assert (
        "Open: vote 1, electronic, names published: That the question be now put (cast: 3)"
        in run(str(hall.conference.pk))
    )
    close(hall, vote)
    text = run(str(hall.conference.pk))
    assert "Present: 3 of 3 delegates (0 online); the quorum is 2 delegates: quorate." in text
    assert "3 for, 0 against, 0 abstaining: carried (simple)" in text
    data = json.loads(run(str(hall.conference.pk), "--format", "json"))
    assert (data["present"], data["vote"], [v["outcome"] for v in data["votes"]]) == (
        3,
        None,
        ["carried"],
    )


def test_an_unknown_conference_is_refused(db):
    with pytest.raises(CommandError, match="There is no conference 999"):
        run("999")
