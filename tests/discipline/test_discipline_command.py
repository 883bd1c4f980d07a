"""`newcourse case list|stats`: what the record shows of each case, never its file."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO

from django.core.management import call_command
from tests.discipline.steps import NOW

from newcourse.discipline.models import Case
from newcourse.organisation.models import Body


def run(*args: str) -> str:
    out = StringIO()
    call_command("case", *args, stdout=out)
    return out.getvalue()


def test_case_list_shows_record_facts_without_case_file(
    file_charge: Callable[..., Case], region: Body
) -> None:
    case = file_charge()

    shown = run("list", "--body", region.slug)

    assert shown == (
        f"{case.pk:>4}  {region.slug}  clauses 2.2  [notified]  -  filed {NOW.date()}\n"
    )


def test_case_stats_gives_body_figures_as_json(
    file_charge: Callable[..., Case], region: Body
) -> None:
    file_charge()

    figures = json.loads(run("stats", "--body", region.slug, "--year", str(NOW.year)))

    assert (figures["filed"], figures["filed_by"], figures["open"]) == (
        1,
        {"officers": 0, "members": 1},
        1,
    )
