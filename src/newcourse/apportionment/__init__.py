"""Delegate entitlement: how many delegates each branch sends to conference; and list
elections: how many seats each slate wins, and who fills them (``list_seats``, ``newcourse
lists``, see ``_slates``).

A conference's standing orders turn the register (members in good standing per branch at
the freeze date) into seats, by one of three kinds of rule, each read from TOML by
:func:`parse_rule`:

* :class:`PerMembers`: one per N members, rounded up, to nearest or down, with optional
  base seats, minimum and maximum (UNISON; DSA 2023);
* :class:`Bands`: seats for a first band, one more per further band or part, up to a
  maximum (UK Labour CLPs);
* :class:`Apportion`: a fixed total shared by Hare, D'Hondt, Sainte-Laguë or Adams,
  optionally in pairs (DIE LINKE).

:func:`read_branches` reads the register export (``branch,members``);
:func:`entitlement` applies the rule and returns an :class:`Entitlement`, one
:class:`Allotment` per branch with the arithmetic.  Ties in an apportionment go to the larger
membership, then to a lot seeded from the SHA-256 of the sorted input, so the same input
always gives the same table.  ``newcourse delegates`` is the command line (``_cli.main``).

Pure Python: importing this package never imports Django.

Errors form one hierarchy under :class:`ApportionmentError` (a :class:`ValueError` with
``line`` and ``key``): :class:`BranchesRefused` (the branches file, naming the line),
:class:`RuleRefused` (the rule, naming the key) and :class:`EntitlementImpossible` (a rule
that cannot be applied to these branches).
"""

from newcourse.apportionment._branches import read_branches
from newcourse.apportionment._cli import main, render_text
from newcourse.apportionment._entitlement import Allotment, Entitlement, entitlement
from newcourse.apportionment._errors import (
    ApportionmentError,
    BranchesRefused,
    EntitlementImpossible,
    RuleRefused,
    SlatesRefused,
)
from newcourse.apportionment._limits import MAX_BRANCHES_BYTES, MAX_RULE_BYTES
from newcourse.apportionment._lot import lot_seed
from newcourse.apportionment._rule import Apportion, Bands, PerMembers, Rule, parse_rule
from newcourse.apportionment._slates import (
    ListResult,
    ListRule,
    Nominee,
    Slate,
    SlateResult,
    list_seats,
    parse_slates,
)
from newcourse.apportionment._slates_cli import render_slates

__all__ = [
    "MAX_BRANCHES_BYTES",
    "MAX_RULE_BYTES",
    "Allotment",
    "Apportion",
    "ApportionmentError",
    "Bands",
    "BranchesRefused",
    "Entitlement",
    "EntitlementImpossible",
    "ListResult",
    "ListRule",
    "Nominee",
    "PerMembers",
    "Rule",
    "RuleRefused",
    "Slate",
    "SlateResult",
    "SlatesRefused",
    "entitlement",
    "list_seats",
    "lot_seed",
    "main",
    "parse_rule",
    "parse_slates",
    "read_branches",
    "render_slates",
    "render_text",
]
