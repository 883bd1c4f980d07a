"""`newcourse actions list|report --body B`: the actions as text and JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("actions", *args, stdout=out)
    return out.getvalue()


def test_list_shows_each_action_with_status_and_owner(create, tree) -> None:
    action = create()
    out = run("list", "--body", tree["international"].slug)
    assert f"{action.pk:>4}  [not-started]  due -  Secretary, North" in out


def test_list_as_json(create, tree) -> None:
    action = create()
    data = json.loads(run("list", "--body", tree["international"].slug, "--format", "json"))
    assert [(a["id"], a["status"], a["overdue"]) for a in data["actions"]] == [
        (action.pk, "not-started", False)
    ]


def test_report_since_a_date(create, tree) -> None:
    create()
    out = run("report", "--body", tree["international"].slug, "--since", "2020-01-01")
    assert out.startswith("Decisions and actions of International since 2020-01-01")


def test_report_refuses_a_bad_date(create, tree) -> None:
    with pytest.raises(CommandError, match="Not a date"):
        run("report", "--body", tree["international"].slug, "--since", "soon")


def test_owners_report(create, tree) -> None:
    create(task="North writes the letters.")
    out = run("report", "--body", tree["north"].slug, "--owned")
    assert out.startswith("Actions carried out by North")
    assert "North writes the letters." in out
