"""The branches file: ``branch,members``, one branch a line, as the register exports it."""

from __future__ import annotations

import csv
import io

from newcourse.apportionment._errors import BranchesRefused
from newcourse.apportionment._limits import MAX_BRANCHES_BYTES, MAX_MEMBERS

HEADER = ("branch", "members")


def read_branches(csv_text: str) -> dict[str, int]:
    """Read memberships from CSV text with the header ``branch,members``, in file order.

    Blank lines are skipped; names may be quoted (``"Leeds, North"``).  Raises
    :class:`BranchesRefused` naming the line for: text over 32 MiB, a wrong header, a line
    with a missing, negative, non-integer or absurd (over 10⁹) membership, a missing branch
    name, extra columns, a branch listed twice, and a file with no branch at all.
    """
    if len(csv_text) > MAX_BRANCHES_BYTES:
        raise BranchesRefused(f"the file is larger than {MAX_BRANCHES_BYTES // 2**20} MiB")
    reader = csv.reader(io.StringIO(csv_text.removeprefix("\ufeff")))
    members: dict[str, int] = {}
    first_line: dict[str, int] = {}
    header_seen = False
    line = 0
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if not header_seen:
                if tuple(cell.strip().lower() for cell in row) != HEADER:
                    raise BranchesRefused(
                        "the header must be 'branch,members', not " + repr(",".join(row)),
                        line=line,
                    )
                header_seen = True
                continue
            branch, count = _row(row, line)
            if branch in members:
                raise BranchesRefused(
                    f"branch {branch!r} is already listed on line {first_line[branch]}",
                    line=line,
                )
            members[branch] = count
            first_line[branch] = line
    except csv.Error as error:
        raise BranchesRefused(f"not readable as CSV ({error})", line=line + 1) from None
    if not header_seen:
        raise BranchesRefused("the file is empty; it needs the header 'branch,members'")
    if not members:
        raise BranchesRefused("no branch is listed", line=line)
    return members


def _row(row: list[str], line: int) -> tuple[str, int]:
    if len(row) > len(HEADER):
        raise BranchesRefused(f"{len(row)} columns; only branch,members", line=line)
    branch = row[0].strip()
    if not branch:
        raise BranchesRefused("the branch name is missing", line=line)
    text = row[1].strip() if len(row) > 1 else ""
    if not text:
        raise BranchesRefused(f"the membership of {branch!r} is missing", line=line)
    return branch, _membership(text, branch, line)


def _membership(text: str, branch: str, line: int) -> int:
    digits = text.removeprefix("-").removeprefix("+")
    # int() also takes '1_000' and other scripts' digits; a register exports ASCII digits.
    if not digits.isascii() or not digits.isdigit() or len(digits) > 12:
        raise BranchesRefused(
            f"the membership of {branch!r} must be a whole number, not {text!r}", line=line
        )
    value = int(text)
    if value < 0:
        raise BranchesRefused(f"the membership of {branch!r} is negative ({value})", line=line)
    if value > MAX_MEMBERS:
        raise BranchesRefused(
            f"the membership of {branch!r} ({value}) is over {MAX_MEMBERS}", line=line
        )
    return value
