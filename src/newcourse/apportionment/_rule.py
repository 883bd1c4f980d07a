"""The entitlement rule: what a conference's standing orders say turns members into seats.

Read from TOML (``method = "per-members" | "bands" | "apportion"`` and that method's keys),
checked completely before any arithmetic, so a mistyped key is refused, not silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Literal

from newcourse.apportionment._errors import RuleRefused
from newcourse.apportionment._limits import MAX_RULE_BYTES, MAX_RULE_NUMBER, MAX_SEATS

Rounding = Literal["up", "nearest", "down"]
Divisor = Literal["hare", "dhondt", "sainte-lague", "adams"]

ROUNDINGS: tuple[Rounding, ...] = ("up", "nearest", "down")
DIVISORS: tuple[Divisor, ...] = ("hare", "dhondt", "sainte-lague", "adams")


@dataclass(frozen=True, slots=True)
class PerMembers:
    """One delegate per ``per`` members, rounded; plus ``base``; within ``minimum``..``maximum``.

    UNISON: ``per=1000, rounding="up"`` ("or part thereof"); DSA 2023: ``per=75,
    rounding="nearest", minimum=1``.  ``nearest`` rounds a half up.
    """

    per: int
    rounding: Rounding
    base: int = 0
    minimum: int = 0
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class Bands:
    """``first_seats`` for any membership up to ``first``, one more per further ``every`` or part.

    UK Labour CLPs: ``first=749, every=250, maximum=6``.
    """

    first: int
    every: int
    first_seats: int = 1
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class Apportion:
    """A fixed total of ``seats`` shared by largest remainder (Hare) or a divisor method.

    With ``in_pairs`` the method shares ``seats // 2`` pairs and each branch sends two per
    pair, so every delegation can be half women (DIE LINKE: 500 seats, Adams, in pairs).
    """

    seats: int
    divisor: Divisor
    in_pairs: bool = False


Rule = PerMembers | Bands | Apportion

_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # method: (required keys, optional keys)
    "per-members": (frozenset({"per", "rounding"}), frozenset({"base", "minimum", "maximum"})),
    "bands": (frozenset({"first", "every"}), frozenset({"first_seats", "maximum"})),
    "apportion": (frozenset({"seats", "divisor"}), frozenset({"in_pairs"})),
}


def parse_rule(toml_text: str) -> Rule:
    """Read an entitlement rule from TOML text; refuse anything it does not fully define.

    Raises :class:`RuleRefused` naming the key for: text over 64 KiB or not TOML, a missing
    or unknown ``method``, a missing or unknown key for that method, a value of the wrong
    type or out of range, a ``maximum`` below the ``minimum`` (or ``first_seats``), and
    ``seats`` that cannot be paired (odd with ``in_pairs``).
    """
    if len(toml_text.encode("utf-8", "surrogatepass")) > MAX_RULE_BYTES:
        raise RuleRefused(f"the rule is larger than {MAX_RULE_BYTES // 1024} KiB")
    try:
        table = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as error:
        raise RuleRefused(f"not valid TOML ({error})") from None
    method = table.get("method")
    if method is None:
        raise RuleRefused("missing; one of " + ", ".join(_KEYS), key="method")
    if not isinstance(method, str) or method not in _KEYS:
        raise RuleRefused(f"unknown method {method!r}; one of " + ", ".join(_KEYS), key="method")
    required, optional = _KEYS[method]
    for key in sorted(set(table) - required - optional - {"method"}):
        raise RuleRefused(f"not a key of method {method!r}", key=key)
    for key in sorted(required - set(table)):
        raise RuleRefused(f"missing; method {method!r} needs it", key=key)
    if method == "per-members":
        return _per_members(table)
    if method == "bands":
        return _bands(table)
    return _apportion(table)


def _per_members(table: dict[str, object]) -> PerMembers:
    rounding = table["rounding"]
    if rounding not in ROUNDINGS:
        raise RuleRefused(f"{rounding!r} is not one of up, nearest, down", key="rounding")
    minimum = _number(table, "minimum", low=0, default=0)
    maximum = _optional_number(table, "maximum", low=0)
    if maximum is not None and maximum < minimum:
        raise RuleRefused(f"{maximum} is below the minimum {minimum}", key="maximum")
    return PerMembers(
        per=_number(table, "per", low=1),
        rounding=rounding,
        base=_number(table, "base", low=0, default=0),
        minimum=minimum,
        maximum=maximum,
    )


def _bands(table: dict[str, object]) -> Bands:
    first_seats = _number(table, "first_seats", low=1, default=1)
    maximum = _optional_number(table, "maximum", low=1)
    if maximum is not None and maximum < first_seats:
        raise RuleRefused(f"{maximum} is below first_seats {first_seats}", key="maximum")
    return Bands(
        first=_number(table, "first", low=1),
        every=_number(table, "every", low=1),
        first_seats=first_seats,
        maximum=maximum,
    )


def _apportion(table: dict[str, object]) -> Apportion:
    divisor = table["divisor"]
    if divisor not in DIVISORS:
        raise RuleRefused(f"{divisor!r} is not one of " + ", ".join(DIVISORS), key="divisor")
    in_pairs = table.get("in_pairs", False)
    if not isinstance(in_pairs, bool):
        raise RuleRefused("must be true or false", key="in_pairs")
    seats = _number(table, "seats", low=2 if in_pairs else 1, high=MAX_SEATS)
    if in_pairs and seats % 2:
        raise RuleRefused(f"{seats} seats cannot be shared in pairs (odd)", key="seats")
    return Apportion(seats=seats, divisor=divisor, in_pairs=in_pairs)


def _number(
    table: dict[str, object],
    key: str,
    *,
    low: int,
    high: int = MAX_RULE_NUMBER,
    default: int | None = None,
) -> int:
    value = table.get(key, default)
    # bool is an int in Python, but `per = true` is a mistake, not one member.
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleRefused(f"must be a whole number, not {value!r}", key=key)
    if not low <= value <= high:
        raise RuleRefused(f"must be between {low} and {high}, not {value}", key=key)
    return value


def _optional_number(table: dict[str, object], key: str, *, low: int) -> int | None:
    return _number(table, key, low=low) if key in table else None
