"""List proportional representation: a body's seats shared among slates by their votes.

Tendencies and groups of members put forward ordered slates; the members vote for one slate.
The slates that reach the rules' ``threshold`` (a share of the votes cast for slates) share
the ``seats`` by largest remainder (Hare) or a divisor method (D'Hondt, Sainte-Laguë), with the
same exact arithmetic and reproducible lot as the delegate table (``_divisor``, ``_lot``).

A slate gets no more seats than it has nominees: the seats it cannot fill go to the other
qualifying slates, by the same method (for a divisor method this is exactly the one-at-a-time
allocation that skips an exhausted slate).

Each slate's seats go to its nominees in the slate's order, except that where the rules set
``women`` (the least share of each slate's seats held by women, rounded up: DIE LINKE's
*Mindestquotierung*, "at least half of those elected shall be women"), a man is passed over
when the seats left are only enough for the women still owed. A seat owed to a woman that the
slate has no woman left to fill stays vacant, to be filled by a by-election, as DIE LINKE's
statute has it: it never goes to a man instead.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from newcourse.apportionment._divisor import share
from newcourse.apportionment._errors import SlatesRefused
from newcourse.apportionment._limits import MAX_RULE_NUMBER, MAX_SEATS, MAX_SLATES_BYTES
from newcourse.apportionment._lot import lot_tickets

ListMethod = Literal["hare", "dhondt", "sainte-lague"]
LIST_METHODS: tuple[ListMethod, ...] = ("hare", "dhondt", "sainte-lague")
METHOD_NAMES: dict[str, str] = {
    "hare": "largest remainder (Hare quota)",
    "dhondt": "D'Hondt",
    "sainte-lague": "Sainte-Laguë",
}


@dataclass(frozen=True, slots=True)
class Nominee:
    name: str
    woman: bool = False


@dataclass(frozen=True, slots=True)
class Slate:
    """A slate: its name, its nominees in order, and the votes it received."""

    name: str
    votes: int
    nominees: tuple[Nominee, ...]


@dataclass(frozen=True, slots=True)
class ListRule:
    """What the rules say: ``seats`` to fill, by ``method``; a slate needs ``threshold`` of the
    votes cast for slates to share in them; ``women`` of each slate's seats at least go to
    women (0: no such rule)."""

    seats: int
    method: ListMethod
    threshold: Fraction = Fraction(0)
    women: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True)
class SlateResult:
    """One slate's share: whether it reached the threshold, its seats, who fills them (in the
    slate's order), who was passed over for the women's share, and the seats left vacant."""

    name: str
    votes: int
    qualified: bool
    seats: int
    elected: tuple[str, ...]
    passed_over: tuple[str, ...]
    vacant: int


@dataclass(frozen=True, slots=True)
class ListResult:
    rule: ListRule
    slates: tuple[SlateResult, ...]
    votes: int
    qualifying_votes: int

    @property
    def elected(self) -> list[str]:
        """Everyone elected, slate by slate, each slate in its own order."""
        return [name for slate in self.slates for name in slate.elected]

    @property
    def vacant(self) -> int:
        """Seats nobody fills: owed to women a slate had none left for, and seats beyond
        every qualifying slate's nominees."""
        return self.rule.seats - len(self.elected)

    def as_json(self) -> dict[str, object]:
        return {
            "seats": self.rule.seats,
            "method": self.rule.method,
            "threshold": str(self.rule.threshold),
            "women": str(self.rule.women),
            "votes": self.votes,
            "qualifying_votes": self.qualifying_votes,
            "slates": [
                {
                    "name": s.name,
                    "votes": s.votes,
                    "qualified": s.qualified,
                    "seats": s.seats,
                    "elected": list(s.elected),
                    "passed_over": list(s.passed_over),
                    "vacant": s.vacant,
                }
                for s in self.slates
            ],
            "elected": self.elected,
            "vacant": self.vacant,
        }


def list_seats(slates: Sequence[Slate], rule: ListRule) -> ListResult:
    """Share ``rule.seats`` among ``slates`` and fill each slate's seats from its order."""
    _check(slates, rule)
    total = sum(slate.votes for slate in slates)
    qualifying = {
        slate.name: slate.votes
        for slate in slates
        if slate.votes > 0 and slate.votes >= rule.threshold * total
    }
    nominees = {slate.name: len(slate.nominees) for slate in slates}
    seats = _shared(qualifying, nominees, rule)
    results = []
    for slate in slates:
        elected, passed_over, vacant = _filled(slate, seats.get(slate.name, 0), rule.women)
        results.append(
            SlateResult(
                name=slate.name,
                votes=slate.votes,
                qualified=slate.name in qualifying,
                seats=seats.get(slate.name, 0),
                elected=elected,
                passed_over=passed_over,
                vacant=vacant,
            )
        )
    return ListResult(rule, tuple(results), total, sum(qualifying.values()))


def _shared(
    votes: Mapping[str, int], nominees: Mapping[str, int], rule: ListRule
) -> dict[str, int]:
    """Seats per qualifying slate, none beyond its nominees: a slate that would get more keeps
    as many as it has nominees, and the rest are shared again among the others."""
    given: dict[str, int] = {}
    open_ = dict(votes)
    left = rule.seats
    while open_ and left > 0:
        # The lot is drawn (from these slates and votes) only if a tie needs it.
        tickets = functools.partial(lot_tickets, dict(open_))
        shares = share(open_, left, rule.method, tickets).units
        over = {name for name, seats in shares.items() if seats > nominees[name]}
        if not over:
            given.update(shares)
            break
        for name in over:
            given[name] = nominees[name]
            left -= nominees[name]
            del open_[name]
    return given


def _filled(
    slate: Slate, seats: int, women: Fraction
) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """The slate's ``seats`` filled in its order, keeping ``women`` of them for women."""
    owed = math.ceil(women * seats)
    elected: list[str] = []
    passed_over: list[str] = []
    women_elected = 0
    for nominee in slate.nominees:
        left = seats - len(elected)
        if left == 0:
            break
        if nominee.woman:
            elected.append(nominee.name)
            women_elected += 1
        elif left > owed - women_elected:
            elected.append(nominee.name)
        else:
            passed_over.append(nominee.name)
    return tuple(elected), tuple(passed_over), seats - len(elected)


def _check(slates: Sequence[Slate], rule: ListRule) -> None:
    if rule.method not in LIST_METHODS:
        raise SlatesRefused(f"give one of {', '.join(LIST_METHODS)}", key="method")
    if not 1 <= rule.seats <= MAX_SEATS:
        raise SlatesRefused(f"give a whole number of seats from 1 to {MAX_SEATS}", key="seats")
    for key, value in (("threshold", rule.threshold), ("women", rule.women)):
        if not 0 <= value <= 1:
            raise SlatesRefused("give a share from 0% to 100%", key=key)
    if not slates:
        raise SlatesRefused("there is no slate", key="slate")
    names: set[str] = set()
    people: set[str] = set()
    for index, slate in enumerate(slates, start=1):
        key = f"slate {index}"
        if not slate.name.strip():
            raise SlatesRefused("a slate needs a name", key=key)
        if slate.name in names:
            raise SlatesRefused(f"two slates are named {slate.name!r}", key=key)
        names.add(slate.name)
        if isinstance(slate.votes, bool) or not 0 <= slate.votes <= MAX_RULE_NUMBER:
            raise SlatesRefused(f"give its votes, from 0 to {MAX_RULE_NUMBER}", key=key)
        if not slate.nominees:
            raise SlatesRefused(f"{slate.name!r} has no nominees", key=key)
        for nominee in slate.nominees:
            if not nominee.name.strip():
                raise SlatesRefused(f"{slate.name!r} has a nominee without a name", key=key)
            if nominee.name in people:
                raise SlatesRefused(f"{nominee.name!r} is on two slates, or twice on one", key=key)
            people.add(nominee.name)


# --- reading the count from TOML ---------------------------------------------------------------


def parse_slates(text: str) -> tuple[list[Slate], ListRule]:
    """The slates and the rule, from TOML::

        seats = 5
        method = "dhondt"        # "hare", "dhondt" or "sainte-lague"
        threshold = "5%"         # of the votes cast for slates (default 0)
        women = "50%"            # of each slate's seats, at least (default 0)

        [[slate]]
        name = "Left Platform"
        votes = 412
        nominees = [{ name = "Ana Silva", woman = true }, { name = "Ben Okafor" }]

    Every key is checked; an unknown one is refused, not ignored."""
    if len(text.encode("utf-8")) > MAX_SLATES_BYTES:
        raise SlatesRefused(f"over the limit of {MAX_SLATES_BYTES} bytes")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SlatesRefused(f"not TOML: {error}") from None
    _known(data, {"seats", "method", "threshold", "women", "slate"}, "")
    seats = data.get("seats")
    if isinstance(seats, bool) or not isinstance(seats, int):
        raise SlatesRefused("give the number of seats to fill", key="seats")
    method = data.get("method")
    if method not in LIST_METHODS:
        raise SlatesRefused(f"give one of {', '.join(LIST_METHODS)}", key="method")
    rule = ListRule(
        seats=seats,
        method=method,
        threshold=_share(data.get("threshold", 0), "threshold"),
        women=_share(data.get("women", 0), "women"),
    )
    raw = data.get("slate")
    if not isinstance(raw, list) or not raw:
        raise SlatesRefused("give at least one [[slate]]", key="slate")
    slates = [_slate(entry, index) for index, entry in enumerate(raw, start=1)]
    _check(slates, rule)
    return slates, rule


def _slate(entry: Any, index: int) -> Slate:
    key = f"slate {index}"
    if not isinstance(entry, dict):
        raise SlatesRefused("a slate is a table: name, votes, nominees", key=key)
    _known(entry, {"name", "votes", "nominees"}, f"{key}.")
    name, votes, nominees = entry.get("name"), entry.get("votes"), entry.get("nominees")
    if not isinstance(name, str):
        raise SlatesRefused("give the slate's name", key=f"{key}.name")
    if isinstance(votes, bool) or not isinstance(votes, int):
        raise SlatesRefused("give the slate's votes, a whole number", key=f"{key}.votes")
    if not isinstance(nominees, list):
        raise SlatesRefused("give the slate's nominees, in order", key=f"{key}.nominees")
    return Slate(name, votes, tuple(_nominee(n, f"{key}.nominees") for n in nominees))


def _nominee(entry: Any, key: str) -> Nominee:
    if isinstance(entry, str):
        return Nominee(entry)
    if not isinstance(entry, dict):
        raise SlatesRefused("a nominee is a name, or { name = ..., woman = true }", key=key)
    _known(entry, {"name", "woman"}, f"{key}.")
    name, woman = entry.get("name"), entry.get("woman", False)
    if not isinstance(name, str) or not isinstance(woman, bool):
        raise SlatesRefused("a nominee is a name, or { name = ..., woman = true }", key=key)
    return Nominee(name, woman)


def _known(table: Mapping[str, Any], keys: set[str], prefix: str) -> None:
    for key in table:
        if key not in keys:
            raise SlatesRefused(
                f"unknown key; the keys are {', '.join(sorted(keys))}", key=f"{prefix}{key}"
            )


def _share(value: Any, key: str) -> Fraction:
    """A share as "5%", "1/2", "0.05" or 0."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise SlatesRefused('give a share such as "5%" or "1/2"', key=key)
    text = str(value).strip()
    try:
        share_ = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise SlatesRefused('give a share such as "5%" or "1/2"', key=key) from None
    if not 0 <= share_ <= 1:
        raise SlatesRefused("give a share from 0% to 100%", key=key)
    return share_
