"""`newcourse tendency list|show`: counts and platforms, never a signatory's name."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newcourse.tendencies import services


def run(*args: str) -> str:
    out = StringIO()
    call_command("tendency", *args, stdout=out)
    return out.getvalue()


def test_list_shows_each_tendency_with_its_count(propose, members, section) -> None:
    tendency = propose()
    services.tendency_sign(member=members[1], tendency=tendency)

    assert run("list", "--body", section.slug) == (
        f"{tendency.pk:>4}  {section.slug}  Rank and File  [collecting]  2 signatures\n"
    )


def test_show_gives_platform_and_threshold_but_no_names(propose, members, section) -> None:
    tendency = propose()

    shown = run("show", str(tendency.pk))

    assert shown.splitlines()[:2] == [
        f"Rank and File ({section.slug}): collecting",
        f"Signatures: 1; 3 declare a tendency in {section.slug} (20 members in good standing).",
    ]
    assert "Democracy in the union" in shown
    assert "Signer 00" not in shown


def test_show_an_unknown_tendency_fails(db) -> None:
    with pytest.raises(CommandError, match="There is no tendency 99"):
        run("show", "99")
