"""Reading the register export: every refusal names the line."""

from __future__ import annotations

import pytest

from newcourse.apportionment import (
    MAX_BRANCHES_BYTES,
    Apportion,
    BranchesRefused,
    EntitlementImpossible,
    PerMembers,
    entitlement,
    read_branches,
)


def test_read_branches_keeps_file_order_quotes_and_skips_blank_lines() -> None:
    text = '\ufeffbranch,members\n"Leeds, North",12\n\n Bristol , 0 \nZürich,7\n'
    assert read_branches(text) == {"Leeds, North": 12, "Bristol": 0, "Zürich": 7}
    assert list(read_branches(text)) == ["Leeds, North", "Bristol", "Zürich"]


@pytest.mark.parametrize(
    ("text", "line", "phrase"),
    [
        ("name,count\na,1\n", 1, "header must be 'branch,members'"),
        ("branch,members\na,1\nb,-3\n", 3, "negative (-3)"),
        ("branch,members\na,1\nb\n", 3, "membership of 'b' is missing"),
        ("branch,members\na,\n", 2, "membership of 'a' is missing"),
        ("branch,members\na,12.5\n", 2, "whole number, not '12.5'"),
        ("branch,members\na,1_000\n", 2, "whole number"),
        ("branch,members\na,١٢\n", 2, "whole number"),
        ("branch,members\na,2000000000\n", 2, "is over 1000000000"),
        ("branch,members\n,4\n", 2, "branch name is missing"),
        ("branch,members\na,1,2\n", 2, "3 columns"),
        ("branch,members\na,1\nb,2\na,3\n", 4, "already listed on line 2"),
        ("branch,members\n\n", 2, "no branch"),
    ],
)
def test_read_branches_refuses_naming_the_line(text: str, line: int, phrase: str) -> None:
    with pytest.raises(BranchesRefused) as caught:
        read_branches(text)
    assert caught.value.line == line
    assert phrase in caught.value.reason
    assert str(caught.value).startswith(f"line {line}: ")


def test_read_branches_refuses_empty_text() -> None:
    with pytest.raises(BranchesRefused, match="empty"):
        read_branches("")


def test_read_branches_refuses_oversized_text() -> None:
    with pytest.raises(BranchesRefused, match="larger than 32 MiB"):
        read_branches("branch,members\n" + "a" * MAX_BRANCHES_BYTES)


def test_entitlement_refuses_negative_members_from_the_api() -> None:
    with pytest.raises(BranchesRefused, match="from 0 to"):
        entitlement({"a": -1}, PerMembers(10, "up"))


def test_entitlement_refuses_no_branches() -> None:
    with pytest.raises(BranchesRefused, match="no branch"):
        entitlement({}, PerMembers(10, "up"))


def test_adams_refuses_fewer_seats_than_branches_with_members() -> None:
    with pytest.raises(EntitlementImpossible) as caught:
        entitlement({"a": 1, "b": 1, "c": 1, "d": 0}, Apportion(4, "adams", in_pairs=True))
    assert caught.value.key == "seats"
    assert caught.value.reason == (
        "2 pairs cannot give each of the 3 branches with members one under Adams"
    )


def test_adams_accepts_as_many_seats_as_branches_with_members() -> None:
    table = entitlement({"a": 5, "b": 1, "c": 1, "d": 0}, Apportion(3, "adams"))
    assert table.delegates == {"a": 1, "b": 1, "c": 1, "d": 0}


def test_apportion_refuses_when_no_branch_has_members() -> None:
    with pytest.raises(EntitlementImpossible, match="no branch has members"):
        entitlement({"a": 0, "b": 0}, Apportion(4, "dhondt"))
