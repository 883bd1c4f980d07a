"""`newcourse rules` and `newcourse init --rulebook`: the rules read, compared and founded from
the command line; bad input answered with exit code 2 and nothing changed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.rulebooks import rulebook_text

from newcourse.organisation.models import Body
from newcourse.rulebook import CATALOGUE
from newcourse.rules.models import RulesVersion


def test_rules_show_json_gives_the_version_and_every_parameter(tree, capsys):
    call_command("rules", "show", "--format", "json")
    shown = json.loads(capsys.readouterr().out)
    assert (shown["version"], shown["standing_orders_version"], shown["body"]) == (
        1,
        None,
        "international",
    )
    assert shown["parameters"]["recall.threshold"] == "1/5"
    assert shown["parameters"]["term.limit.post"] is None
    assert sorted(shown["parameters"]) == sorted(CATALOGUE)


def test_rules_show_on_a_day_before_the_founding_is_refused(tree):
    with pytest.raises(CommandError, match="no rulebook") as refused:
        call_command("rules", "show", "--date", "2018-01-01")
    assert refused.value.returncode == 2


def test_rules_show_with_a_date_that_is_not_one_is_refused(tree):
    with pytest.raises(CommandError, match="not a date") as refused:
        call_command("rules", "show", "--date", "yesterday")
    assert refused.value.returncode == 2


def test_rules_diff_lists_the_changed_parameter_and_the_changed_line(tree, carry, capsys):
    carry({"recall.threshold": "30%"})
    call_command("rules", "diff", "1", "2")
    out = capsys.readouterr().out
    assert "  recall.threshold: 20% [20%..50%] -> 30% [20%..50%]" in out
    assert "@@ line" in out


def test_rules_diff_json_has_the_hunks(tree, carry, capsys):
    carry({"recall.threshold": "30%"})
    call_command("rules", "diff", "1", "2", "--format", "json")
    diff = json.loads(capsys.readouterr().out)
    assert diff["parameters"] == [
        {"name": "recall.threshold", "old": "20% [20%..50%]", "new": "30% [20%..50%]"}
    ]
    (hunk,) = diff["hunks"]
    assert "30%" in " ".join(hunk["new_lines"]) and "20%" in " ".join(hunk["old_lines"])


def test_rules_diff_of_a_version_that_does_not_exist_is_refused(tree):
    with pytest.raises(CommandError, match="no version 7") as refused:
        call_command("rules", "diff", "1", "7")
    assert refused.value.returncode == 2


def test_rules_text_numbers_the_lines(tree, capsys):
    call_command("rules", "text")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "    1  Rulebook of the Union"
    assert [int(line.split()[0]) for line in lines] == list(range(1, len(lines) + 1))


def test_rules_found_a_second_time_is_refused(tree):
    with pytest.raises(CommandError, match="already has its rulebook") as refused:
        call_command("rules", "found", "--model", "party")
    assert refused.value.returncode == 2


def test_init_founds_the_organisation_on_a_french_model(db, capsys):
    call_command("init", "--rulebook", "co-operative", "--language", "fr", "--kind", "Coopérative")
    body = Body.objects.get(parent=None)
    version = RulesVersion.objects.get(body=body)
    assert (version.number, version.source) == (1, "model:co-operative.fr")
    assert body.kind == "Coopérative"
    assert "Founded" in capsys.readouterr().out


def test_init_refuses_a_rulebook_file_missing_a_parameter_and_founds_nothing(db, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(rulebook_text().replace("{pay.cap = 2850 GBP}", "2850 GBP"))
    with pytest.raises(CommandError, match=r"pay\.cap") as refused:
        call_command("init", "--rulebook", str(path))
    assert refused.value.returncode == 2
    assert not Body.objects.exists()


def test_init_refuses_what_is_neither_model_nor_file(db):
    with pytest.raises(CommandError, match="neither a model"):
        call_command("init", "--rulebook", "anarchist-collective")


def test_rules_check_needs_no_django(tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(rulebook_text())
    code = (
        "import sys; from newcourse.cli import main; "
        "status = main(['rules', 'check', sys.argv[1]]); "
        "assert 'django' not in sys.modules; sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"a rulebook with {len(CATALOGUE)} parameters" in done.stdout


def test_rules_found_without_an_organisation_says_how_to_found_one(db):
    with pytest.raises(CommandError, match="newcourse init --rulebook") as refused:
        call_command("rules", "found", "--model", "party")
    assert refused.value.returncode == 2
