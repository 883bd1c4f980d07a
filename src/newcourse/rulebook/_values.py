"""The kinds of value a parameter can have, how each is written, read and compared.

The values are code, the prose around them is translated: a French rulebook writes "20%",
"2/3", "simple" and "none" exactly as an English one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

from ._errors import RulebookError

Kind = Literal[
    "fraction",
    "majority",
    "count",
    "days",
    "months",
    "limit",
    "money",
    "rounding",
    "mandate",
    "card",
    "measure",
    "sectional",
    "visibility",
    "sanctions",
    "clauses",
]
KINDS: tuple[Kind, ...] = (
    "fraction",
    "majority",
    "count",
    "days",
    "months",
    "limit",
    "money",
    "rounding",
    "mandate",
    "card",
    "measure",
    "sectional",
    "visibility",
    "sanctions",
    "clauses",
)
# The kinds whose values have no order: a body's standing orders cannot set them within limits.
UNORDERED: tuple[Kind, ...] = ("sanctions", "clauses")
# How a quotient becomes a whole number: "or part thereof", to the nearest (a half up), down.
ROUNDINGS = ("up", "nearest", "down")
# How delegates vote: free (bound by no instruction, as German party law has it, §15(3) PartG)
# or mandated (carrying the instructions their body gives them, as in British unions).
MANDATES = ("free", "mandated")
# How a delegation's card is cast in a card vote: split among its delegates present, each
# carrying an equal share (Labour's practice for a constituency party), or whole, the way most
# of them vote (a union's delegation voting as one).
CARDS = ("split", "whole")
# What a conference's quorum counts: its delegates present, or the members their delegations
# represent (a delegation present carries its whole card).
MEASURES = ("delegates", "members")
# How a vote of delegates from several sections is decided: their votes pooled, or each
# section's share for weighted equally (Labour's conference: CLPs' and affiliates' cards
# each normalised to half of the result).
SECTIONALS = ("pooled", "equal")
# Who may see who signed a tendency's declaration: anyone who may see the body, the body's
# members, or only the tendency's contacts (each signatory always sees their own signature).
VISIBILITIES = ("public", "members", "contacts")
# The kinds whose values are words, each with its words in order.
WORDS: dict[Kind, tuple[str, ...]] = {
    "rounding": ROUNDINGS,
    "mandate": MANDATES,
    "card": CARDS,
    "measure": MEASURES,
    "sectional": SECTIONALS,
    "visibility": VISIBILITIES,
}


@dataclass(frozen=True, order=True)
class Majority:
    """What a decision needs: at least ``share`` of the votes cast for and against, or, when
    ``strict``, more than ``share`` ("simple": more for than against)."""

    share: Fraction
    strict: bool = False


SIMPLE = Majority(Fraction(1, 2), True)

# The sanctions a disputes panel may impose, from the lightest to the heaviest.
SANCTION_GRADES = ("warning", "removal", "suspension", "expulsion")
SUSPENSION_UP_TO = re.compile(r"suspension[ \t]+up[ \t]+to[ \t]+(\d+)[ \t]+days?")
CLAUSE = re.compile(r"\d+(?:\.\d+)*")


@dataclass(frozen=True)
class Sanctions:
    """The graded list of sanctions the rulebook allows a disputes panel: a warning, removal
    from an office, suspension of membership for at most ``suspension_days`` days (None: not
    allowed), expulsion. Dismissing a charge is always allowed and is no sanction."""

    warning: bool
    removal: bool
    suspension_days: int | None
    expulsion: bool

    def allows(self, sanction: str) -> bool:
        """Whether ``sanction`` (one of SANCTION_GRADES) is on the list."""
        if sanction == "suspension":
            return self.suspension_days is not None
        return sanction in SANCTION_GRADES and bool(getattr(self, sanction))

    def names(self) -> tuple[str, ...]:
        """The sanctions allowed, lightest first."""
        return tuple(grade for grade in SANCTION_GRADES if self.allows(grade))


@dataclass(frozen=True)
class Money:
    """An amount (two decimal places, never negative) in a currency (ISO 4217 letters)."""

    amount: Decimal
    currency: str


Value: TypeAlias = Fraction | Majority | int | Money | str | Sanctions | tuple[str, ...] | None

PERCENT = re.compile(r"(\d+(?:\.\d+)?)[ \t]*%")
RATIO = re.compile(r"(\d+)[ \t]*/[ \t]*(\d+)")
DECIMAL = re.compile(r"\d+(?:\.\d+)?")
WHOLE = re.compile(r"\d+")
MONEY = re.compile(r"(\d+(?:\.\d{1,2})?)[ \t]+([A-Z]{3})")
CENTS = Decimal("0.01")
# Whole numbers longer than this are refused before Python turns them into integers.
MAX_DIGITS = 30

WRITTEN_AS: dict[Kind, str] = {
    "fraction": "a share such as 20%, 12.5%, 1/5 or 0.2",
    "majority": "'simple' or a share of at least one half, such as 2/3 or 60%",
    "count": "a whole number such as 500",
    "days": "a whole number of days",
    "months": "a whole number of months",
    "limit": "'none' or a whole number of at least 1",
    "money": "an amount and a currency, such as 2850 GBP or 2850.00 EUR",
    "rounding": "'up', 'nearest' or 'down'",
    "mandate": "'free' or 'mandated'",
    "card": "'split' or 'whole'",
    "measure": "'delegates' or 'members'",
    "sectional": "'pooled' or 'equal'",
    "visibility": "'public', 'members' or 'contacts'",
    "sanctions": (
        "a list, lightest first, of some of 'warning', 'removal', 'suspension up to N days' "
        "and 'expulsion'"
    ),
    "clauses": "a list of clause numbers such as 1.4, 10.1",
}
NOUNS: dict[Kind, str] = {
    "fraction": "a fraction",
    "majority": "a majority",
    "count": "a count",
    "days": "a number of days",
    "months": "a number of months",
    "limit": "a limit",
    "money": "an amount of money",
    "rounding": "a rounding",
    "mandate": "a mandate",
    "card": "a way of casting a card",
    "measure": "a measure",
    "sectional": "a way of combining sections",
    "visibility": "a visibility",
    "sanctions": "a list of sanctions",
    "clauses": "a list of clauses",
}


class ValueRefused(RulebookError):
    """What a value must be, kept apart so a parameter can say it in its own name."""

    def __init__(self, kind: Kind, written: str, requirement: str) -> None:
        self.requirement = requirement
        self.written = written
        super().__init__(None, f"{NOUNS[kind]} must be {requirement}, not {written}")


def _bad(kind: Kind, written: str, requirement: str | None = None) -> ValueRefused:
    return ValueRefused(kind, written, WRITTEN_AS[kind] if requirement is None else requirement)


def _fraction(written: str) -> Fraction | None:
    if len(written) > MAX_DIGITS * 2 + 3:
        return None
    if match := PERCENT.fullmatch(written):
        return Fraction(match.group(1)) / 100
    if match := RATIO.fullmatch(written):
        if int(match.group(2)) == 0:
            return None
        return Fraction(int(match.group(1)), int(match.group(2)))
    if DECIMAL.fullmatch(written):
        return Fraction(written)
    return None


def _share(kind: Kind, written: str, low: Fraction, low_included: bool) -> Fraction:
    share = _fraction(written)
    if share is None:
        raise _bad(kind, written)
    too_low = share < low if low_included else share <= low
    if too_low or share > 1:
        bound = "at least" if low_included else "above"
        raise _bad(kind, written, f"{bound} {format_share(low)} and at most 100%")
    return share


def _whole(kind: Kind, written: str) -> int:
    if not WHOLE.fullmatch(written) or len(written) > MAX_DIGITS:
        raise _bad(kind, written)
    return int(written)


def parse_value(kind: Kind, written: str) -> Value:
    """The value ``written`` stands for, as a value of ``kind``.

    Raises RulebookError (without a clause: the caller knows where it was written) when it is
    not written as that kind allows: a fraction of 0, below 0 or above 1, a majority below one
    half, a negative or fractional whole number, a limit of 0, money with more than two
    decimal places.
    """
    written = written.strip()
    if kind == "fraction":
        return _share(kind, written, Fraction(0), False)
    if kind == "majority":
        if written == "simple":
            return SIMPLE
        return Majority(_share(kind, written, Fraction(1, 2), True))
    if kind in ("count", "days", "months"):
        return _whole(kind, written)
    if kind == "limit":
        if written == "none":
            return None
        limit = _whole(kind, written)
        if limit < 1:
            raise _bad(kind, written)
        return limit
    if kind == "money":
        match = MONEY.fullmatch(written)
        if match is None or len(match.group(1)) > MAX_DIGITS:
            raise _bad(kind, written)
        return Money(Decimal(match.group(1)).quantize(CENTS), match.group(2))
    if kind in WORDS:
        if written not in WORDS[kind]:
            raise _bad(kind, written)
        return written
    if kind == "sanctions":
        return _sanctions(written)
    if kind == "clauses":
        return _clauses(written)
    raise ValueError(f"unknown kind of value {kind!r}")


def _items(written: str) -> list[str]:
    return [item.strip() for item in written.split(",")]


def _sanctions(written: str) -> Sanctions:
    """A graded list: each sanction at most once, lightest first, at least one."""
    grades: list[int] = []
    days: int | None = None
    for item in _items(written):
        match = SUSPENSION_UP_TO.fullmatch(item)
        if match is not None and len(match.group(1)) <= MAX_DIGITS and int(match.group(1)) > 0:
            days = int(match.group(1))
            item = "suspension"
        if item not in SANCTION_GRADES or (item == "suspension" and match is None):
            raise _bad("sanctions", written)
        grades.append(SANCTION_GRADES.index(item))
    if grades != sorted(set(grades)):
        raise _bad("sanctions", written, "each sanction once, lightest first")
    return Sanctions(
        warning=0 in grades, removal=1 in grades, suspension_days=days, expulsion=3 in grades
    )


def _clauses(written: str) -> tuple[str, ...]:
    """Clause numbers, each once; whether the rulebook has them is the rulebook's to check."""
    clauses = tuple(_items(written))
    if any(not CLAUSE.fullmatch(c) or len(c) > MAX_DIGITS for c in clauses):
        raise _bad("clauses", written)
    if len(set(clauses)) != len(clauses):
        raise _bad("clauses", written, "each clause once")
    return clauses


def format_sanctions(value: Sanctions) -> str:
    return ", ".join(
        f"suspension up to {value.suspension_days} days" if name == "suspension" else name
        for name in value.names()
    )


def format_share(share: Fraction) -> str:
    """A share as people write it: a percentage when it is a short one ("20%", "12.5%"),
    else a ratio ("2/3")."""
    percent = share * 100
    for places in range(5):
        scaled = percent * 10**places
        if scaled.denominator == 1:
            digits = str(scaled.numerator).rjust(places + 1, "0")
            whole, decimals = digits[: len(digits) - places], digits[len(digits) - places :]
            return f"{whole}.{decimals}%" if places else f"{whole}%"
    return f"{share.numerator}/{share.denominator}"


def format_value(kind: Kind, value: Value) -> str:
    """The canonical way to write ``value``: parse_value(kind, format_value(kind, v)) == v."""
    if kind == "fraction" and isinstance(value, Fraction):
        return format_share(value)
    if kind == "majority" and isinstance(value, Majority):
        return "simple" if value == SIMPLE else format_share(value.share)
    if kind in ("count", "days", "months") and isinstance(value, int):
        return str(value)
    if kind == "limit" and (value is None or isinstance(value, int)):
        return "none" if value is None else str(value)
    if kind == "money" and isinstance(value, Money):
        return f"{value.amount:.2f} {value.currency}"
    if kind in WORDS and value in WORDS[kind]:
        return str(value)
    if kind == "sanctions" and isinstance(value, Sanctions) and value.names():
        return format_sanctions(value)
    if kind == "clauses" and isinstance(value, tuple) and value:
        return ", ".join(value)
    raise ValueError(f"{value!r} is not a value of kind {kind!r}")


JSONValue: TypeAlias = str | int | None


def json_value(kind: Kind, value: Value) -> JSONValue:
    """The value as JSON: a fraction or majority share as "1/5" ("simple" for simple), whole
    numbers as numbers, no limit as null, money as "2850.00 GBP"."""
    if kind == "fraction" and isinstance(value, Fraction):
        return str(value)
    if kind == "majority" and isinstance(value, Majority):
        return "simple" if value == SIMPLE else str(value.share)
    if kind in ("count", "days", "months", "limit") and (value is None or isinstance(value, int)):
        return value
    return format_value(kind, value)


def compare(kind: Kind, a: Value, b: Value) -> int:
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b``; no limit is above every number.

    Raises RulebookError for amounts in different currencies, which cannot be compared, and
    for the kinds whose values have no order (UNORDERED).
    """
    if kind in UNORDERED:
        raise RulebookError(None, f"{NOUNS[kind]} has no order and cannot be given limits")
    key_a, key_b = _key(kind, a), _key(kind, b)
    if isinstance(a, Money) and isinstance(b, Money) and a.currency != b.currency:
        raise RulebookError(
            None, f"{format_value(kind, a)} and {format_value(kind, b)} are in different currencies"
        )
    return (key_a > key_b) - (key_a < key_b)


def _key(kind: Kind, value: Value) -> tuple[Fraction, int]:
    if isinstance(value, str):
        return (Fraction(WORDS[kind].index(value)), 0)
    if isinstance(value, Majority):
        return (value.share, int(value.strict))
    if isinstance(value, Money):
        return (Fraction(value.amount), 0)
    if value is None:
        return (Fraction(10) ** MAX_DIGITS, 1)
    if isinstance(value, Sanctions | tuple):
        raise ValueError(f"{value!r} has no order")
    return (Fraction(value), 0)
