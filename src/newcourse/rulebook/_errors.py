"""The one exception hierarchy of ``newcourse.rulebook``.

A rulebook is refused at load "with the clause and the reason", so every error carries the
clause it is about ("7.1", or None when it is about the whole rulebook or the clause is not
numbered) and, when known, the source line. ``str()`` reads "clause 7.1: reason", else
"line 12: reason", else just the reason, ready to show to the person who wrote the text.

- :class:`RulebookError` (a ValueError): the rulebook, a value or a rule change is wrong;
  a document that cannot be read at all is reported as one too, keeping its line.
- :class:`StandingOrderError`: a body's standing orders go beyond what the rulebook allows.
"""

from __future__ import annotations


class RulebookError(ValueError):
    """A rulebook, a parameter's value or a change to it cannot be accepted."""

    def __init__(self, clause: str | None, reason: str, *, line: int | None = None) -> None:
        self.clause = clause
        self.reason = reason
        self.line = line
        if clause is not None:
            text = f"clause {clause}: {reason}"
        elif line is not None:
            text = f"line {line}: {reason}"
        else:
            text = reason
        super().__init__(text)


class StandingOrderError(RulebookError):
    """A body's standing orders set a parameter the rulebook does not let a body set, or
    set it outside the rulebook's limits.

    ``clause`` is the standing orders' own clause; ``rulebook_clause`` the clause of the
    rulebook that sets the parameter, when there is one.
    """

    def __init__(
        self,
        clause: str | None,
        reason: str,
        *,
        line: int | None = None,
        rulebook_clause: str | None = None,
    ) -> None:
        super().__init__(clause, reason, line=line)
        self.rulebook_clause = rulebook_clause
