"""Reading a rulebook and a body's standing orders, and what is in force.

A rulebook is a document whose tagged runs are its parameters: ``{recall.threshold = 20%}``,
or ``{recall.threshold = 20% [10%..50%]}`` when bodies' standing orders may set it between
10% and 50%. Standing orders are a body's own document, setting some of those parameters
within those limits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from newcourse.documents import (
    Block,
    Document,
    DocumentError,
    Run,
    parse_document,
    replace_tag_text,
)

from ._catalogue import CATALOGUE, Parameter
from ._errors import RulebookError, StandingOrderError
from ._values import Kind, Value, compare, format_value, json_value

LIMITS = re.compile(r"(?P<low>.+?)[ \t]*\.\.[ \t]*(?P<high>.+)")


@dataclass(frozen=True)
class Setting:
    """Where a text sets a parameter: its value, as written, in which clause, and the limits
    (low, high, inclusive) within which bodies' standing orders may set it (None: they may not).
    """

    name: str
    value: Value
    written: str
    clause: str | None
    limits: tuple[Value, Value] | None


@dataclass(frozen=True)
class Rulebook:
    """A rulebook: its document and the setting of every parameter in the catalogue."""

    document: Document
    settings: Mapping[str, Setting]

    def value(self, name: str) -> Value:
        """The rulebook's value of parameter ``name``."""
        if name not in self.settings:
            raise RulebookError(None, f"unknown parameter {name!r}")
        return self.settings[name].value

    def json_parameters(self) -> dict[str, Any]:
        """Every parameter's value as JSON, by name in alphabetical order."""
        return {
            name: json_value(CATALOGUE[name].kind, self.settings[name].value)
            for name in sorted(self.settings)
        }

    def clauses(self) -> tuple[str, ...]:
        """The numbers of the rulebook's clauses ("9.2"), in order: what a charge may cite."""
        return _clauses(self.document)

    def clause_text(self, clause: str) -> str:
        """What clause ``clause`` says (its paragraphs joined); "" for no such clause."""
        return " ".join(
            block.text
            for block in self.document.blocks
            if block.kind == "paragraph" and block.clause == clause
        )


def _clauses(document: Document) -> tuple[str, ...]:
    numbers = (b.clause for b in document.blocks if b.kind == "paragraph" and b.clause)
    return tuple(dict.fromkeys(numbers))


def _check_clauses(document: Document, found: Mapping[str, Setting]) -> None:
    """A parameter naming clauses (the protected ones) names clauses the rulebook has."""
    clauses = set(_clauses(document))
    for setting in found.values():
        if CATALOGUE[setting.name].kind != "clauses" or not isinstance(setting.value, tuple):
            continue
        unknown = [clause for clause in setting.value if clause not in clauses]
        if unknown:
            raise RulebookError(
                setting.clause,
                f"{setting.name} names clause {unknown[0]}, which this rulebook does not have",
            )


def _check_discipline(found: Mapping[str, Setting]) -> None:
    """The panel must have time left to hear a case once the accused's time to reply is over:
    a rulebook whose every case would lapse undecided is refused."""
    reply, decide = found["discipline.reply_days"], found["discipline.decision_days"]
    if not isinstance(reply.value, int) or not isinstance(decide.value, int):
        return
    if decide.value <= reply.value:
        raise RulebookError(
            decide.clause,
            f"the panel's days to decide (discipline.decision_days = {decide.written}) must be "
            f"more than the accused's days to reply (discipline.reply_days = {reply.written})",
        )


@dataclass(frozen=True)
class StandingOrders:
    """A body's standing orders: their document and the parameters they set (and, read by
    `standing_orders_in_force`, those the rulebook no longer allows, set aside)."""

    document: Document
    settings: Mapping[str, Setting]
    set_aside: tuple[RulebookError, ...] = ()

    def json_parameters(self) -> dict[str, Any]:
        """The parameters they set, as JSON, by name in alphabetical order."""
        return {
            name: json_value(CATALOGUE[name].kind, self.settings[name].value)
            for name in sorted(self.settings)
        }


def _document(text: str, error: type[RulebookError]) -> Document:
    try:
        return parse_document(text)
    except DocumentError as e:
        raise error(None, e.reason, line=e.line) from None


def _parameter(block: Block, run: Run, error: type[RulebookError]) -> Parameter:
    parameter = CATALOGUE.get(run.tag or "")
    if parameter is None:
        raise error(block.clause, f"unknown parameter {run.tag!r}", line=block.source_line)
    return parameter


def _value(parameter: Parameter, block: Block, written: str, error: type[RulebookError]) -> Value:
    try:
        return parameter.parse(written)
    except RulebookError as e:
        raise error(block.clause, e.reason, line=block.source_line) from None


def _limits(parameter: Parameter, block: Block, run: Run, value: Value) -> tuple[Value, Value]:
    extra = run.extra or ""
    match = LIMITS.fullmatch(extra)
    if match is None:
        raise RulebookError(
            block.clause,
            f"the limits of {parameter.name} are written [low..high], not [{extra}]",
            line=block.source_line,
        )
    low = _value(parameter, block, match.group("low"), RulebookError)
    high = _value(parameter, block, match.group("high"), RulebookError)
    kind = parameter.kind
    try:
        if compare(kind, low, high) > 0:
            raise RulebookError(None, f"its limits {extra} have the low one above the high one")
        if compare(kind, value, low) < 0 or compare(kind, value, high) > 0:
            raise RulebookError(None, f"its value {run.text} is outside its own limits {extra}")
    except RulebookError as e:
        raise RulebookError(
            block.clause, f"{parameter.name}: {e.reason}", line=block.source_line
        ) from None
    return (low, high)


def _same_again(earlier: Setting, later: Setting, block: Block, kind: Kind) -> Setting:
    """A parameter written again: the same value (and limits, where both give them)."""
    if earlier.value != later.value:
        raise RulebookError(
            block.clause,
            f"{later.name} is {later.written} here but {earlier.written} in "
            f"{_clause_name(earlier.clause)}; a parameter has one value",
            line=block.source_line,
        )
    if earlier.limits is not None and later.limits is not None and earlier.limits != later.limits:
        raise RulebookError(
            block.clause,
            f"{later.name} has limits {_limits_text(kind, later.limits)} here but "
            f"{_limits_text(kind, earlier.limits)} in {_clause_name(earlier.clause)}",
            line=block.source_line,
        )
    if earlier.limits is None and later.limits is not None:
        return Setting(earlier.name, earlier.value, earlier.written, earlier.clause, later.limits)
    return earlier


def _clause_name(clause: str | None) -> str:
    return "an unnumbered clause" if clause is None else f"clause {clause}"


def _limits_text(kind: Kind, limits: tuple[Value, Value]) -> str:
    return f"{format_value(kind, limits[0])}..{format_value(kind, limits[1])}"


def parse_rulebook(text: str) -> Rulebook:
    """Read a rulebook and check every parameter in it.

    Raises RulebookError with the clause (and line): a document that cannot be read, an
    unknown parameter, a value of the wrong kind or out of bounds, limits that are badly
    written or do not contain the value, a parameter written twice with different values, and
    (with no clause) every catalogue parameter the rulebook does not set, a list of
    protected clauses naming a clause the rulebook does not have, and a panel's time to decide
    no longer than the accused's time to reply.
    """
    document = _document(text, RulebookError)
    found: dict[str, Setting] = {}
    for block, run in document.tagged():
        parameter = _parameter(block, run, RulebookError)
        value = _value(parameter, block, run.text, RulebookError)
        limits = None if run.extra is None else _limits(parameter, block, run, value)
        setting = Setting(parameter.name, value, run.text, block.clause, limits)
        earlier = found.get(parameter.name)
        found[parameter.name] = (
            setting if earlier is None else _same_again(earlier, setting, block, parameter.kind)
        )
    missing = [name for name in CATALOGUE if name not in found]
    if missing:
        raise RulebookError(
            None,
            f"missing parameter{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
        )
    _check_clauses(document, found)
    _check_discipline(found)
    return Rulebook(document, MappingProxyType({name: found[name] for name in CATALOGUE}))


def parse_standing_orders(text: str, rulebook: Rulebook) -> StandingOrders:
    """Read a body's standing orders and check them against the rulebook.

    Each parameter they set must be one the rulebook lets bodies set, to a value within the
    rulebook's limits; they need not set every parameter. Raises StandingOrderError with the
    standing orders' clause.
    """
    return _read_standing_orders(text, rulebook, lenient=False)


def standing_orders_in_force(text: str, rulebook: Rulebook) -> StandingOrders:
    """A body's standing orders as far as the rulebook in force still allows them.

    Standing orders adopted under an earlier rulebook may set what a later one no longer lets
    a body set, or to a value outside its new limits: those settings give way to the
    rulebook's (listed, with the reason, in ``set_aside``) and the rest still hold. Never
    raises for a setting; text that cannot be read at all sets nothing.
    """
    try:
        return _read_standing_orders(text, rulebook, lenient=True)
    except RulebookError as error:
        document = Document(title="", blocks=())
        return StandingOrders(document, MappingProxyType({}), (error,))


def _read_standing_orders(text: str, rulebook: Rulebook, *, lenient: bool) -> StandingOrders:
    document = _document(text, StandingOrderError)
    found: dict[str, Setting] = {}
    set_aside: list[RulebookError] = []
    for block, run in document.tagged():
        try:
            setting = _standing_order(block, run, rulebook, found)
        except StandingOrderError as error:
            if not lenient:
                raise
            set_aside.append(error)
            continue
        found.setdefault(setting.name, setting)
    ordered = {name: found[name] for name in CATALOGUE if name in found}
    return StandingOrders(document, MappingProxyType(ordered), tuple(set_aside))


def _standing_order(
    block: Block, run: Run, rulebook: Rulebook, found: Mapping[str, Setting]
) -> Setting:
    parameter = _parameter(block, run, StandingOrderError)
    ruling = rulebook.settings[parameter.name]
    if ruling.limits is None:
        raise StandingOrderError(
            block.clause,
            f"the rulebook does not let a body set {parameter.name}",
            line=block.source_line,
            rulebook_clause=ruling.clause,
        )
    if run.extra is not None:
        raise StandingOrderError(
            block.clause,
            f"only the rulebook sets limits; write {{{parameter.name} = {run.text}}}",
            line=block.source_line,
        )
    value = _value(parameter, block, run.text, StandingOrderError)
    low, high = ruling.limits
    if compare(parameter.kind, value, low) < 0 or compare(parameter.kind, value, high) > 0:
        raise StandingOrderError(
            block.clause,
            f"the rulebook sets {parameter.name} between "
            f"{format_value(parameter.kind, low)} and {format_value(parameter.kind, high)}; "
            f"{run.text} is outside",
            line=block.source_line,
            rulebook_clause=ruling.clause,
        )
    earlier = found.get(parameter.name)
    if earlier is not None and earlier.value != value:
        raise StandingOrderError(
            block.clause,
            f"{parameter.name} is {run.text} here but {earlier.written} in "
            f"{_clause_name(earlier.clause)}; a parameter has one value",
            line=block.source_line,
        )
    return Setting(parameter.name, value, run.text, block.clause, None)


def in_force(rulebook: Rulebook, standing_orders: StandingOrders | None = None) -> dict[str, Value]:
    """Every parameter's value for a body: its standing orders' where they set it, else the
    rulebook's; in catalogue order."""
    ours = {} if standing_orders is None else standing_orders.settings
    return {name: ours.get(name, setting).value for name, setting in rulebook.settings.items()}


def set_parameter(text: str, name: str, written: str) -> str:
    """A rulebook's (or standing orders') text with parameter ``name`` set to ``written``.

    The shortcut for a rule change that only changes a number: every mention of the parameter
    gets the new value, its limits and every other byte stay as they were. Raises
    RulebookError if ``name`` is not a parameter, ``written`` is not a value for it, or the
    text does not mention it. The result is not checked as a whole: parse it to know that the
    value lies within the limits the text gives.
    """
    parameter = CATALOGUE.get(name)
    if parameter is None:
        raise RulebookError(None, f"unknown parameter {name!r}")
    parameter.parse(written)
    try:
        return replace_tag_text(text, name, written)
    except DocumentError as e:
        raise RulebookError(None, e.reason, line=e.line) from None


@dataclass(frozen=True)
class ParameterChange:
    """A parameter whose value (or limits) differs between two versions, written canonically
    ("20%", "20% [10%..50%]"); None where a version does not set it."""

    name: str
    old: str | None
    new: str | None


def _written(setting: Setting | None) -> str | None:
    if setting is None:
        return None
    kind = CATALOGUE[setting.name].kind
    value = format_value(kind, setting.value)
    if setting.limits is None:
        return value
    return f"{value} [{_limits_text(kind, setting.limits)}]"


def parameter_changes(
    old: Rulebook | StandingOrders, new: Rulebook | StandingOrders
) -> tuple[ParameterChange, ...]:
    """The parameters that changed between two versions, in catalogue order."""
    changes = []
    for name in CATALOGUE:
        before = _written(old.settings.get(name))
        after = _written(new.settings.get(name))
        if before != after:
            changes.append(ParameterChange(name, before, after))
    return tuple(changes)
