"""The one exception hierarchy of `newcourse.counting`."""

from __future__ import annotations


class CountingError(Exception):
    """Base of every error this library raises on purpose."""


class BallotFileError(CountingError):
    """A ballot file that cannot be read: names the file, the line and the problem."""

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(f"{where}{problem}")


class ElectionError(CountingError):
    """An election that cannot be counted as asked (more seats than candidates, no ballots)."""
