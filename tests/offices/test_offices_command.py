"""`newcourse office`: offices created and founded from the command line, with the same
rules as everywhere else."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newcourse.offices.models import Office


def test_create_a_verifiable_office_and_list_it(tree, capsys):
    call_command(
        "office",
        "create",
        "--body",
        tree["region"].slug,
        "--title",
        "Treasurer",
        "--method",
        "plurality",
        "--verifiable",
    )
    office = Office.objects.get(title="Treasurer")
    assert office.verifiable and office.method == "plurality" and office.body == tree["region"]
    call_command("office", "list", "--body", tree["region"].slug)
    assert "Treasurer (post, 1 seat(s), plurality verifiable)" in capsys.readouterr().out


def test_a_ranked_office_cannot_be_verifiable_yet(tree):
    with pytest.raises(
        CommandError, match="Only plurality and approval elections can be verifiable"
    ):
        call_command(
            "office",
            "create",
            "--body",
            tree["region"].slug,
            "--title",
            "Committee",
            "--seats",
            "3",
            "--verifiable",
        )
    assert not Office.objects.filter(title="Committee").exists()


def test_found_a_tellers_office(tree, make_member, capsys):
    call_command(
        "office",
        "create",
        "--body",
        tree["region"].slug,
        "--title",
        "Tellers",
        "--kind",
        "tellers",
        "--seats",
        "3",
    )
    office = Office.objects.get(title="Tellers")
    members = [make_member(tree["north"]) for _ in range(3)]
    call_command("office", "found", str(office.pk), *[m.number for m in members])
    assert office.terms.count() == 3
    with pytest.raises(CommandError, match="no member numbered nobody"):
        call_command("office", "found", str(office.pk), "nobody")
    with pytest.raises(CommandError):
        call_command("office", "found", str(office.pk), members[0].number)  # only once


def test_create_an_office_with_named_powers(tree, capsys):
    call_command("office", "create", "--body", "region", "--title", "Treasurer", "--power", "books")
    call_command("office", "create", "--body", "region", "--title", "Chair", "--power", "none")
    call_command(
        "office",
        "create",
        "--body",
        "region",
        "--title",
        "Secretary",
        "--power",
        "register",
        "--power",
        "offices",
    )
    call_command("office", "create", "--body", "region", "--title", "Committee")
    powers = dict(Office.objects.values_list("title", "powers"))
    assert powers == {
        "Treasurer": ["books"],
        "Chair": [],
        "Secretary": ["offices", "register"],
        "Committee": ["offices", "register"],
    }
    call_command("office", "list", "--body", "region")
    assert "Treasurer (post, 1 seat(s), irv) powers: books" in capsys.readouterr().out
