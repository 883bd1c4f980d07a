"""The membership roster as CSV: import with every row checked first, export in the same shape.

A membership secretary keeps a spreadsheet; importing it must be safe to repeat. Every row is
validated before anything is written, a bad row is reported with its line number, and either
the whole file applies or none of it does. Importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newcourse.record.services import record_append_many
from newcourse.refusals import InvalidInput

from . import services
from .errors import BeyondReach
from .models import Body, EventKind, Member, MembershipEvent, MemberStatus, Standing

COLUMNS = ["number", "email", "full_name", "branch", "joined_on", "status", "standing"]
REQUIRED = {"email", "full_name"}
NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
# A spreadsheet reads a cell starting with one of = + - @ tab or carriage return as a formula
# (CSV injection, OWASP). The export prefixes such a cell with a quote, and also a cell that
# already starts with quotes before one of them, so the import can remove exactly one quote
# from any cell of the form '…'<trigger> and give back the value that was exported.
FORMULA_CELL = re.compile(r"'*[=+\-@\t\r]")
NEUTRALISED_CELL = re.compile(r"'+[=+\-@\t\r]")


class ImportRefused(InvalidInput):
    """The file had bad rows; nothing was imported."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems[:50])
        more = len(problems) - 50
        if more > 0:
            lines += "\n" + _("…and %(count)d more.") % {"count": more}
        super().__init__(
            _("Nothing was imported: %(count)d row(s) need correcting.\n%(lines)s")
            % {"count": len(problems), "lines": lines}
        )


@dataclass(frozen=True)
class RowProblem:
    line: int
    problem: str

    def __str__(self) -> str:
        return _("line %(line)d: %(problem)s") % {"line": self.line, "problem": self.problem}


@dataclass
class ImportReport:
    admitted: int = 0
    transferred: int = 0
    status_changed: int = 0
    standing_changed: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.admitted + self.transferred + self.status_changed + self.standing_changed

    def summary(self) -> str:
        return _(
            "%(admitted)d admitted, %(transferred)d transferred, %(status)d status changes, "
            "%(standing)d standing changes, %(unchanged)d unchanged."
        ) % {
            "admitted": self.admitted,
            "transferred": self.transferred,
            "status": self.status_changed,
            "standing": self.standing_changed,
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class Row:
    line: int
    number: str
    email: str
    full_name: str
    branch: Body
    joined_on: datetime.date | None  # None when the file leaves it blank
    status: str
    standing: str


def read_rows(text: str) -> tuple[list[dict[str, str]], list[RowProblem]]:
    """Parse CSV text into dicts keyed by column, with problems for the header."""
    if "\x00" in text:
        return [], [RowProblem(1, _("the file contains NUL characters; is it really CSV text?"))]
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not header:
        return [], [RowProblem(1, _("the file is empty; expected a header row."))]
    missing = REQUIRED - set(header)
    unknown = [h for h in header if h not in COLUMNS]
    problems = []
    if missing:
        problems.append(
            RowProblem(
                1,
                _("the header lacks the column(s) %(cols)s.")
                % {"cols": ", ".join(sorted(missing))},
            )
        )
    if unknown:
        problems.append(
            RowProblem(
                1,
                _("unknown column(s) %(cols)s; the columns are %(known)s.")
                % {"cols": ", ".join(unknown), "known": ", ".join(COLUMNS)},
            )
        )
    reader.fieldnames = header
    rows = []
    for raw in reader:
        if None in raw:
            problems.append(
                RowProblem(reader.line_num, _("this row has more cells than the header."))
            )
            continue
        rows.append(
            {
                "_line": str(reader.line_num),
                **{k: cell_from_spreadsheet((v or "").strip()) for k, v in raw.items()},
            }
        )
    return rows, problems


def cell_for_spreadsheet(value: str) -> str:
    """`value` as an exported cell that no spreadsheet evaluates as a formula."""
    return "'" + value if FORMULA_CELL.match(value) else value


def cell_from_spreadsheet(cell: str) -> str:
    """The value of an imported cell: `cell_for_spreadsheet` undone, other cells as they are."""
    return cell[1:] if NEUTRALISED_CELL.match(cell) else cell


def validate_rows(
    raw_rows: Iterable[dict[str, str]], *, body: Body
) -> tuple[list[Row], list[RowProblem]]:
    """Check every row against the file itself and the database, without writing anything."""
    bodies = {b.slug: b for b in body.subtree()}
    today = timezone.localdate()
    rows: list[Row] = []
    problems: list[RowProblem] = []
    seen_emails: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    for raw in raw_rows:
        line = int(raw["_line"])
        before = len(problems)

        def bad(message: str, line: int = line) -> None:
            problems.append(RowProblem(line, message))

        email = raw.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            bad(_("“%(email)s” is not an email address.") % {"email": email})
        full_name = raw.get("full_name", "")
        if not full_name:
            bad(_("the full name is empty."))
        elif len(full_name) > 200:
            bad(_("the full name is longer than 200 characters."))
        number = raw.get("number", "")
        if number and not NUMBER_PATTERN.match(number):
            bad(_("“%(number)s” is not a valid membership number.") % {"number": number})
        branch_slug = raw.get("branch", "") or body.slug
        branch = bodies.get(branch_slug)
        if branch is None:
            bad(
                _("there is no body “%(slug)s” within %(body)s.")
                % {"slug": branch_slug, "body": body.name}
            )
        joined_text = raw.get("joined_on", "")
        joined_on = None
        if joined_text:
            try:
                joined_on = datetime.date.fromisoformat(joined_text)
            except ValueError:
                bad(_("“%(date)s” is not a date (use YYYY-MM-DD).") % {"date": joined_text})
            else:
                if joined_on > today:
                    bad(_("the joining date %(date)s is in the future.") % {"date": joined_text})
        status = raw.get("status", "") or MemberStatus.ACTIVE
        if status not in MemberStatus.values:
            bad(
                _("unknown status “%(status)s”; use one of %(choices)s.")
                % {"status": status, "choices": ", ".join(MemberStatus.values)}
            )
        standing = raw.get("standing", "") or Standing.GOOD
        if standing not in Standing.values:
            bad(
                _("unknown standing “%(standing)s”; use one of %(choices)s.")
                % {"standing": standing, "choices": ", ".join(Standing.values)}
            )
        if email in seen_emails:
            bad(
                _("%(email)s also appears on line %(line)d.")
                % {"email": email, "line": seen_emails[email]}
            )
        seen_emails.setdefault(email, line)
        if number and number in seen_numbers:
            bad(
                _("membership number %(number)s also appears on line %(line)d.")
                % {"number": number, "line": seen_numbers[number]}
            )
        if number:
            seen_numbers.setdefault(number, line)
        if len(problems) == before and branch is not None:
            rows.append(Row(line, number, email, full_name, branch, joined_on, status, standing))
    _check_against_database(rows, problems, body=body)
    problems.sort(key=lambda p: p.line)
    return rows, problems


def _check_against_database(rows: list[Row], problems: list[RowProblem], *, body: Body) -> None:
    emails = [r.email for r in rows]
    existing = {}
    for chunk in _chunks(emails, 900):
        for member in Member.objects.filter(person__email__in=chunk).select_related(
            "person", "body"
        ):
            existing[member.person.email] = member
    numbers = [r.number for r in rows if r.number]
    taken_numbers = {}
    for chunk in _chunks(numbers, 900):
        taken_numbers.update(
            Member.objects.filter(number__in=chunk).values_list("number", "person__email")
        )
    for row in rows:
        member = existing.get(row.email)
        owner = taken_numbers.get(row.number) if row.number else None
        if owner is not None and owner != row.email:
            problems.append(
                RowProblem(
                    row.line,
                    _("membership number %(number)s belongs to another member.")
                    % {"number": row.number},
                )
            )
        if member is None:
            if row.status != MemberStatus.ACTIVE:
                problems.append(
                    RowProblem(
                        row.line,
                        _("a new member must be imported as active, not %(status)s.")
                        % {"status": row.status},
                    )
                )
            continue
        if not member.body.is_within(body):
            problems.append(
                RowProblem(
                    row.line,
                    # Says neither where nor whose: an officer learns nothing about
                    # bodies outside their own by importing guessed addresses.
                    _(
                        "This email address cannot be used for a new member here; ask the "
                        "member or the membership secretary of the wider body."
                    ),
                )
            )
            continue
        if row.number and row.number != member.number:
            problems.append(
                RowProblem(
                    row.line,
                    _("%(email)s has membership number %(number)s, not %(given)s.")
                    % {"email": row.email, "number": member.number, "given": row.number},
                )
            )
        if row.joined_on is not None and row.joined_on != member.joined_on:
            problems.append(
                RowProblem(
                    row.line,
                    _("%(email)s joined on %(date)s; history is not rewritten by an import.")
                    % {"email": row.email, "date": member.joined_on.isoformat()},
                )
            )
        if (
            row.status != member.status
            and (member.status, row.status) not in services.STATUS_EVENTS
        ):
            problems.append(
                RowProblem(
                    row.line,
                    _("a member who is %(old)s cannot become %(new)s.")
                    % {"old": member.status, "new": row.status},
                )
            )
        if row.status == MemberStatus.EXPELLED and member.status != MemberStatus.EXPELLED:
            problems.append(
                RowProblem(
                    row.line, _("an expulsion needs a stated reason; it cannot be imported.")
                )
            )
        elif row.status == MemberStatus.SUSPENDED and member.status != MemberStatus.SUSPENDED:
            problems.append(
                RowProblem(
                    row.line,
                    _("only a disputes panel's decision suspends a member; it cannot be imported."),
                )
            )


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def members_import(*, actor: Any | None, body: Body, text: str) -> ImportReport:
    """Apply a roster CSV to `body`'s tree: all rows or none."""
    raw_rows, problems = read_rows(text)
    rows, row_problems = validate_rows(raw_rows, body=body) if not problems else ([], [])
    problems += row_problems
    if problems:
        raise ImportRefused(problems)
    report = ImportReport()
    with transaction.atomic():
        existing = {}
        for chunk in _chunks([r.email for r in rows], 900):
            for member in Member.objects.filter(person__email__in=chunk).select_related(
                "person", "body"
            ):
                existing[member.person.email] = member
        new_rows = [r for r in rows if r.email not in existing]
        report.admitted = _admit_many(actor=actor, rows=new_rows)
        reason = _("Roster import")
        for row in rows:
            member = existing.get(row.email)
            if member is None:
                continue
            try:
                _apply_row(actor=actor, member=member, row=row, reason=reason, report=report)
            except BeyondReach as refusal:
                # The whole import rolls back, as for any other bad row.
                raise ImportRefused([RowProblem(row.line, refusal.message)]) from refusal
    return report


def _apply_row(
    *, actor: Any | None, member: Member, row: Row, reason: str, report: ImportReport
) -> None:
    """Bring an existing member in line with their row, through the same services (and the
    same rules on who may change whom) as the member's page."""
    changed = False
    if row.status != member.status and row.status == MemberStatus.ACTIVE:
        member = services.member_change_status(
            actor=actor, member=member, status=row.status, reason=reason
        )
        report.status_changed += 1
        changed = True
    if member.is_current and row.branch.pk != member.body_id:
        member = services.member_transfer(
            actor=actor, member=member, to_body=row.branch, reason=reason
        )
        report.transferred += 1
        changed = True
    if row.standing != member.standing and member.is_current:
        member = services.member_set_standing(
            actor=actor, member=member, standing=row.standing, reason=reason
        )
        report.standing_changed += 1
        changed = True
    if row.status != member.status:
        member = services.member_change_status(
            actor=actor, member=member, status=row.status, reason=reason
        )
        report.status_changed += 1
        changed = True
    if not changed:
        report.unchanged += 1


def _admit_many(*, actor: Any | None, rows: list[Row]) -> int:
    """Admit new members in bulk: the same rows and record entries as `member_admit`."""
    if not rows:
        return 0
    users = get_user_model()
    known = _person_ids([r.email for r in rows])
    fresh = [
        users(email=r.email, full_name=r.full_name, password=unusable_password())
        for r in rows
        if r.email not in known
    ]
    users.objects.bulk_create(fresh, batch_size=1000)
    person_ids = _person_ids([r.email for r in rows])
    next_number = int(services.next_membership_number())
    taken = set(Member.objects.values_list("number", flat=True)) if rows else set()
    today = timezone.localdate()
    members = []
    for row in rows:
        number = row.number
        if not number:
            while f"{next_number:06d}" in taken:
                next_number += 1
            number = f"{next_number:06d}"
            next_number += 1
        taken.add(number)
        members.append(
            Member(
                person_id=person_ids[row.email],
                number=number,
                body=row.branch,
                joined_on=row.joined_on or today,
                standing=row.standing,
            )
        )
    Member.objects.bulk_create(members, batch_size=1000)
    member_ids = _member_ids([m.number for m in members])
    recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    events = []
    entries = []
    for row, member in zip(rows, members, strict=True):
        member_id = member_ids[member.number]
        events.append(
            MembershipEvent(
                member_id=member_id,
                kind=EventKind.JOINED,
                effective_on=member.joined_on,
                to_body=row.branch,
                reason=_("Roster import"),
                recorded_by=recorded_by,
            )
        )
        entries.append(
            {
                "action": "member.admitted",
                "subject": f"member:{member.number}",
                "body": row.branch,
                "payload": {"joined_on": member.joined_on.isoformat()},
                "private": {"name": row.full_name, "reason": _("Roster import")},
                "member": Member(pk=member_id),
            }
        )
    MembershipEvent.objects.bulk_create(events, batch_size=1000)
    record_append_many(actor=actor, entries=entries)
    return len(members)


def unusable_password() -> str:
    """What `make_password(None)` stores, at a fraction of its cost for a 100,000-row import.

    Imported members set their password through the reset link.
    """
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _person_ids(emails: list[str]) -> dict[str, int]:
    users = get_user_model()
    found: dict[str, int] = {}
    for chunk in _chunks(emails, 900):
        found.update(users.objects.filter(email__in=chunk).values_list("email", "pk"))
    return found


def _member_ids(numbers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(numbers, 900):
        found.update(Member.objects.filter(number__in=chunk).values_list("number", "pk"))
    return found


def members_export(*, body: Body) -> Iterator[str]:
    """The roster of a body's tree as CSV lines, in the import's own columns.

    Every cell goes through `cell_for_spreadsheet`, so no cell opens as a formula.
    """
    buffer = io.StringIO()
    # csv quotes a cell only for the characters of its line terminator: writing with \r\n
    # quotes a cell holding a carriage return too, which the reader otherwise rejects.
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells: list[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue().removesuffix("\r\n") + "\n"

    yield line(COLUMNS)
    rows = (
        Member.objects.within(body)
        .order_by("number")
        .values_list(
            "number",
            "person__email",
            "person__full_name",
            "body__slug",
            "joined_on",
            "status",
            "standing",
        )
    )
    for values in rows.iterator(chunk_size=2000):
        number, email, name, branch, joined_on, status, standing = values
        cells = [number, email, name, branch, joined_on.isoformat(), status, standing]
        yield line([cell_for_spreadsheet(cell) for cell in cells])
