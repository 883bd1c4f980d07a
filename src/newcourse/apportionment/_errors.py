"""The one exception hierarchy of ``newcourse.apportionment``.

Every refusal the library makes on purpose is an :class:`ApportionmentError`, a
:class:`ValueError` (it is raised for bad values, where Python code expects one).  It carries
where the problem is, so the CLI and the pages can point at it: ``line``, the 1-based line of
the branches file, or ``key``, the rule key at fault.  The subclasses say which input was
wrong, because each is fixed by a different person: the register's export
(:class:`BranchesRefused`), the conference's rule (:class:`RuleRefused`), or the two together
(:class:`EntitlementImpossible`: seats too few for the branches under Adams, for instance).
"""

from __future__ import annotations


class ApportionmentError(ValueError):
    """Base class of every refusal raised by ``newcourse.apportionment``.

    ``reason`` is a plain-English phrase; ``line`` the 1-based line of the branches file and
    ``key`` the rule key it concerns, each ``None`` when it does not apply.
    """

    def __init__(self, reason: str, *, line: int | None = None, key: str | None = None) -> None:
        self.reason = reason
        self.line = line
        self.key = key
        where = []
        if line is not None:
            where.append(f"line {line}")
        if key is not None:
            where.append(f"key '{key}'")
        super().__init__(f"{', '.join(where)}: {reason}" if where else reason)


class BranchesRefused(ApportionmentError):
    """The branches file (``branch,members``) cannot be used: names the line."""


class RuleRefused(ApportionmentError):
    """The entitlement rule (TOML) cannot be used: names the key."""


class EntitlementImpossible(ApportionmentError):
    """The rule cannot be applied to these branches (names the rule key that cannot be met)."""


class SlatesRefused(ApportionmentError):
    """A list election's slates or rule (TOML) cannot be used: names the key."""
