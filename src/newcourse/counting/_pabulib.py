"""Participatory budgets in Pabulib's `.pb` format (pabulib.org/format).

    META
    key;value
    budget;100000
    vote_type;approval
    rule;greedy
    PROJECTS
    project_id;cost;votes;name;selected
    1;7200;43;PopUp Podium;1
    VOTES
    voter_id;vote
    v1;1,2,6

Three sections, each a `;`-separated table under a header line, fields quoted as in CSV. A
vote lists project ids (for `ordinal` votes in order of preference; for `cumulative` and
`scoring` votes with the matching `points`). Money is read exactly: a budget of 222176.85 is
held as 22217685 hundredths, and every cost in the same unit, so a count never rounds.

A file that cannot be counted (a vote for a project the file does not list, a budget of zero,
a missing section, a number that is not one) is refused with the file, the line and the
problem, before anything is counted.
"""

from __future__ import annotations

import csv
import os
from collections import Counter

from ._errors import BallotFileError

TYPE_CHECKING = False  # not `typing`'s: importing typing is start-up time a count does not need
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Protocol

    class _Reader(Protocol):
        """The part of `csv.reader` used here: its rows, and the line the last one ended on."""

        @property
        def line_num(self) -> int: ...

        def __iter__(self) -> Iterator[list[str]]: ...


VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")
_SECTIONS = ("META", "PROJECTS", "VOTES")


class BudgetProject:
    """A proposed project: its id in the file, its cost (in money units of the vote), its name,
    and whether the body funded it (`selected` in the file; None where the file does not say).

    A plain class with slots rather than a dataclass: `dataclasses` (and `inspect`, which it
    imports) would double the start-up time of `newcourse count FILE.pb`.
    """

    __slots__ = ("cost", "id", "name", "selected")

    def __init__(self, id: str, cost: int, name: str = "", selected: bool | None = None) -> None:
        self.id = id
        self.cost = cost
        self.name = name
        self.selected = selected

    def __repr__(self) -> str:
        return f"BudgetProject({self.id!r}, {self.cost!r}, {self.name!r}, {self.selected!r})"


class BudgetVote:
    """A participatory budget ready to count.

    `ballots` maps each distinct ballot (project indices, in the voter's order) to the number of
    members who cast it: members who named the same projects are treated alike by every method
    that shares money among them, so counting distinct ballots once is the same count, done
    faster. `scores` holds each project's score for the greedy rules: its votes (approval,
    choose-1), its points (cumulative, scoring) or its Borda score (ordinal). `min_score` is
    the body's threshold (`min_project_score_threshold`): a project scoring less is not funded.

    Money is in units of 10**-`decimals` of the currency: `budget` and every `cost` are
    integers in that unit.
    """

    __slots__ = (
        "ballots",
        "budget",
        "decimals",
        "meta",
        "min_score",
        "projects",
        "rule",
        "scores",
        "title",
        "vote_type",
    )

    def __init__(
        self,
        budget: int,
        projects: tuple[BudgetProject, ...],
        ballots: dict[tuple[int, ...], int],
        *,
        scores: tuple[int, ...] = (),
        vote_type: str = "approval",
        decimals: int = 0,
        rule: str | None = None,
        title: str = "",
        min_score: int | None = None,
        meta: dict[str, str] | None = None,
    ) -> None:
        self.budget = budget
        self.projects = projects
        self.ballots = ballots
        self.scores = scores
        self.vote_type = vote_type
        self.decimals = decimals
        self.rule = rule
        self.title = title
        self.min_score = min_score
        self.meta = meta or {}

    def __repr__(self) -> str:
        return (
            f"BudgetVote({self.budget!r}, {self.projects!r}, {self.ballots!r}, "
            f"scores={self.scores!r}, min_score={self.min_score!r})"
        )

    @property
    def voters(self) -> int:
        """How many members voted."""
        return sum(self.ballots.values())


def parse_money(text: str) -> tuple[int, int]:
    """`"222176.85"` -> `(22217685, 2)`: the amount as an integer and its number of decimals.

    Raises ValueError for anything but a plain non-negative decimal number."""
    t = text.strip()
    whole, dot, frac = t.partition(".")
    if not whole.isdigit() or (dot and not (frac.isdigit() or frac == "")):
        raise ValueError(text)
    if not whole.isascii() or not frac.isascii():
        raise ValueError(text)
    return int(whole + frac), len(frac)


def read_pabulib(path: str | os.PathLike[str]) -> BudgetVote:
    """Read a `.pb` file: its budget, projects and votes, checked before anything is counted."""
    name = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return _read(name, csv.reader(f, delimiter=";"))
    except OSError as e:
        raise BallotFileError(e.strerror or str(e), path=name) from None
    except UnicodeDecodeError:
        raise BallotFileError("not UTF-8 text", path=name) from None
    except csv.Error as e:
        raise BallotFileError(f"not a readable table: {e}", path=name) from None


def _read(path: str, rows: _Reader) -> BudgetVote:
    """Split the rows into the three sections (each with its header and every row's line, so
    that any problem found later can name its line), then read each."""
    sections: dict[str, tuple[int, list[str], list[tuple[int, list[str]]]]] = {}
    current: list[tuple[int, list[str]]] | None = None
    header_wanted = ""
    for row in rows:
        if len(row) == 1:
            key = row[0].strip().upper()
            if not key:
                continue
        elif not row or not "".join(row).strip():
            continue
        else:
            key = ""
        line = rows.line_num
        if key in _SECTIONS:
            if key in sections or key == header_wanted:
                raise BallotFileError(f"a second {key} section", path=path, line=line)
            header_wanted = key
            current = None
            continue
        if header_wanted:
            current = []
            sections[header_wanted] = (line, [c.strip() for c in row], current)
            header_wanted = ""
            continue
        if current is None:
            raise BallotFileError(
                "a line outside any section (expected META, PROJECTS or VOTES first)",
                path=path,
                line=line,
            )
        current.append((line, row))
    for key in _SECTIONS:
        if key not in sections:
            raise BallotFileError(f"no {key} section", path=path)
    meta, meta_lines = _meta(path, *sections["META"])
    budget, budget_decimals = _money(path, meta["budget"], meta_lines["budget"], "budget")
    read, costs_decimals, index = _projects(path, *sections["PROJECTS"])
    decimals = max(budget_decimals, costs_decimals)
    budget *= 10 ** (decimals - budget_decimals)
    if budget == 0:
        raise BallotFileError(
            "the budget is zero: there is nothing to share", path=path, line=meta_lines["budget"]
        )
    projects = tuple(
        BudgetProject(p.id, p.cost * 10 ** (decimals - d), p.name, p.selected) for p, d in read
    )
    vote_type = meta.get("vote_type", "approval").strip().lower()
    if vote_type not in VOTE_TYPES:
        raise BallotFileError(
            f"unknown vote_type {vote_type!r} (expected one of: {', '.join(VOTE_TYPES)})",
            path=path,
            line=meta_lines["vote_type"],
        )
    max_length = _whole(path, meta, meta_lines, "max_length")
    ballots, scores = _votes(path, *sections["VOTES"], index, vote_type, max_length)
    return BudgetVote(
        budget=budget,
        projects=projects,
        ballots=ballots,
        vote_type=vote_type,
        decimals=decimals,
        rule=meta.get("rule") or None,
        title=meta.get("description", ""),
        scores=tuple(scores),
        min_score=_whole(path, meta, meta_lines, "min_project_score_threshold"),
        meta=meta,
    )


def _meta(
    path: str, line: int, header: list[str], rows: list[tuple[int, list[str]]]
) -> tuple[dict[str, str], dict[str, int]]:
    if header[:2] != ["key", "value"]:
        raise BallotFileError("the META header must be 'key;value'", path=path, line=line)
    meta: dict[str, str] = {}
    lines: dict[str, int] = {}
    for n, row in rows:
        if len(row) < 2:
            raise BallotFileError("a META line needs a key and a value", path=path, line=n)
        key = row[0].strip()
        meta[key] = row[1].strip()
        lines[key] = n
    if "budget" not in meta:
        raise BallotFileError("META has no budget", path=path, line=line)
    return meta, lines


def _money(path: str, text: str | None, line: int | None, what: str) -> tuple[int, int]:
    try:
        return parse_money(text or "")
    except ValueError:
        raise BallotFileError(
            f"the {what} {text!r} is not a number of money (digits, at most one '.')",
            path=path,
            line=line,
        ) from None


def _whole(path: str, meta: dict[str, str], lines: dict[str, int], key: str) -> int | None:
    text = meta.get(key)
    if text is None or text == "":
        return None
    if not (text.isascii() and text.isdigit()):
        raise BallotFileError(f"{key} {text!r} is not a whole number", path=path, line=lines[key])
    return int(text)


def _column(path: str, line: int, header: list[str], name: str, section: str) -> int:
    try:
        return header.index(name)
    except ValueError:
        raise BallotFileError(
            f"the {section} header has no {name!r} column", path=path, line=line
        ) from None


def _projects(
    path: str, line: int, header: list[str], rows: list[tuple[int, list[str]]]
) -> tuple[list[tuple[BudgetProject, int]], int, dict[str, int]]:
    id_col = _column(path, line, header, "project_id", "PROJECTS")
    cost_col = _column(path, line, header, "cost", "PROJECTS")
    name_col = header.index("name") if "name" in header else None
    sel_col = header.index("selected") if "selected" in header else None
    projects: list[tuple[BudgetProject, int]] = []
    index: dict[str, int] = {}
    decimals = 0
    for n, row in rows:
        if len(row) <= max(id_col, cost_col):
            raise BallotFileError(
                f"a project line needs {len(header)} fields, this one has {len(row)}",
                path=path,
                line=n,
            )
        pid = row[id_col].strip()
        if not pid:
            raise BallotFileError("a project without an id", path=path, line=n)
        if pid in index:
            raise BallotFileError(f"project {pid!r} is listed twice", path=path, line=n)
        cost, d = _money(path, row[cost_col], n, f"cost of project {pid!r}")
        decimals = max(decimals, d)
        selected = None
        if sel_col is not None and sel_col < len(row) and row[sel_col].strip():
            flag = row[sel_col].strip()
            if flag not in ("0", "1"):
                raise BallotFileError(f"selected must be 0 or 1, not {flag!r}", path=path, line=n)
            selected = flag == "1"
        name = row[name_col].strip() if name_col is not None and name_col < len(row) else ""
        index[pid] = len(projects)
        projects.append((BudgetProject(pid, cost, name, selected), d))
    if not projects:
        raise BallotFileError("the PROJECTS section lists no project", path=path, line=line)
    return projects, decimals, index


def _ballot(path: str, line: int, vote: str, index: dict[str, int]) -> list[int]:
    """A vote's project indices, the ids stripped of spaces; a project not listed is refused."""
    ballot: list[int] = []
    for raw in vote.split(",") if vote.strip() else []:
        pid = raw.strip()
        p = index.get(pid)
        if p is None:
            raise BallotFileError(
                f"a vote for project {pid!r}, which the PROJECTS section does not list",
                path=path,
                line=line,
            )
        ballot.append(p)
    return ballot


def _votes(
    path: str,
    line: int,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    index: dict[str, int],
    vote_type: str,
    max_length: int | None,
) -> tuple[dict[tuple[int, ...], int], list[int]]:
    """The distinct ballots with their counts, and each project's score: its votes (approval,
    choose-1), its points (cumulative, scoring) or its Borda score (ordinal: the first choice
    `max_length` points, the next one fewer, and so on)."""
    vote_col = _column(path, line, header, "vote", "VOTES")
    with_points = vote_type in ("cumulative", "scoring")
    points_col = _column(path, line, header, "points", "VOTES") if with_points else -1
    # Identical lines are parsed once: most ballots repeat a few common choices.
    lines: dict[tuple[str, str], list[int]] = {}
    for n, row in rows:
        if len(row) <= max(vote_col, points_col):
            raise BallotFileError(
                f"a vote line needs {len(header)} fields, this one has {len(row)}",
                path=path,
                line=n,
            )
        key = (row[vote_col], row[points_col] if with_points else "")
        seen = lines.get(key)
        if seen is None:
            lines[key] = [n]
        else:
            seen.append(n)
    ballots: Counter[tuple[int, ...]] = Counter()
    scores = [0] * len(index)
    top = max_length
    if vote_type == "ordinal" and top is None:
        top = max((len(v.split(",")) for v, _ in lines), default=0)
    for (vote, pts), where in lines.items():
        n = where[0]
        count = len(where)
        try:  # the common case, ids without spaces, in one pass in C
            ballot = [index[x] for x in vote.split(",")] if vote else []
        except KeyError:
            ballot = _ballot(path, n, vote, index)
        if len(set(ballot)) != len(ballot):
            twice = next(p for p in ballot if ballot.count(p) > 1)
            raise BallotFileError(
                f"project {list(index)[twice]!r} twice in one vote", path=path, line=n
            )
        if with_points:
            given = [x.strip() for x in pts.split(",")] if pts.strip() else []
            if len(given) != len(ballot) or not all(x.isascii() and x.isdigit() for x in given):
                raise BallotFileError(
                    "points must be one whole number for each project voted for",
                    path=path,
                    line=n,
                )
            for p, x in zip(ballot, given, strict=True):
                scores[p] += int(x) * count
        elif vote_type == "ordinal":
            assert top is not None  # noqa: S101 - set above for ordinal votes
            if len(ballot) > top:
                raise BallotFileError(
                    f"a vote ranks {len(ballot)} projects, more than max_length ({top})",
                    path=path,
                    line=n,
                )
            for rank, p in enumerate(ballot):
                scores[p] += (top - rank) * count
        else:
            for p in ballot:
                scores[p] += count
        ballots[tuple(ballot)] += count
    return dict(ballots), scores
