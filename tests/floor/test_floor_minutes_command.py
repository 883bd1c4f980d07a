"""`newcourse minutes ID [--pdf FILE]`: the minutes as Markdown on standard output, and their
latest PDF written to a file once the scheduler has rendered it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.floor.minuting import sit

from newcourse.floor.minutes_document import minutes_markdown
from newcourse.floor.selectors_minutes import minutes_of
from newcourse.floor.services.minutes import minutes_render


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("minutes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_the_markdown_and_writes_the_pdf(hall, tmp_path):
    sit(hall)
    conference = hall.conference
    out, _err = run(str(conference.pk))
    assert out == minutes_markdown(minutes_of(conference))
    assert "### Vote 2: Motion 1. Cost of living" in out
    target = tmp_path / "minutes.pdf"
    with pytest.raises(CommandError, match="not rendered yet") as refused:
        run(str(conference.pk), "--pdf", str(target))
    assert (refused.value.returncode, target.exists()) == (2, False)
    minutes_render(conference=conference)
    out, err = run(str(conference.pk), "--pdf", str(target))
    assert out == minutes_markdown(minutes_of(conference))
    assert target.read_bytes() == bytes(conference.minutes_pdf.pdf)
    assert f"written to {target}." in err


def test_an_unknown_conference_is_refused(db):
    with pytest.raises(CommandError, match="There is no conference 999") as refused:
        run("999")
    assert refused.value.returncode == 2
