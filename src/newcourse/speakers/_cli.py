"""``newcourse speakers order FILE.json [--format json]``: a speakers' list in order, with why.

Pure (no Django), so a standing orders committee can try its rules on a made-up list with
nothing but the package.  The file holds the rules, the debate so far and the waiting
requests (every key but ``requests`` may be left out)::

    {
      "rules": {"alternate_stances": true, "gender_order": "alternate-women-first",
                "progressive_stack": "debate", "ask_women_to_continue": false},
      "speeches": [{"speaker": "ann", "stance": "for", "gender": "woman", "role": "mover"}],
      "earlier_speakers": ["bob"],
      "women_agreed_to_continue": false,
      "requests": [{"id": "1", "speaker": "bob", "stance": "against", "sequence": 1,
                    "gender": "man", "role": "speaker", "placed_at": null}]
    }

Exit status: 0 the list was printed; 2 the file cannot be used, with one message on stderr
naming the file and the key; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from newcourse.jsontext import text_fault

from ._errors import FileRefused, SpeakersError
from ._model import Debate, SpeakingRequest, Speech
from ._order import SpeakersList, speaking_list
from ._rules import GenderOrder, ListRules, ProgressiveStack

MAX_FILE_BYTES = 1024 * 1024
"""A file larger than this (1 MiB, some thousands of requests) is refused unread."""

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

_TOP_KEYS = {"rules", "speeches", "earlier_speakers", "women_agreed_to_continue", "requests"}
_RULE_KEYS = {
    "alternate_stances",
    "gender_order",
    "progressive_stack",
    "ask_women_to_continue",
    "points_of_order_when_closed",
}
_REQUEST_KEYS = {"id", "speaker", "stance", "sequence", "gender", "role", "placed_at"}
_REQUEST_REQUIRED = {"id", "speaker", "stance", "sequence"}
_SPEECH_KEYS = {"speaker", "stance", "gender", "role", "branch", "seconds"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newcourse speakers``; ``argv`` is what follows ``speakers``.  Returns the exit
    status (0 printed, 2 refused)."""
    parser = argparse.ArgumentParser(
        prog="newcourse speakers", description="Work with a conference's speakers' list."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    order = commands.add_parser(
        "order",
        help="print a list of speakers in order, with the reasons",
        description="Order the waiting requests of a JSON file by its rules, with the reasons.",
    )
    order.add_argument("file", metavar="FILE.json")
    order.add_argument("--format", choices=("text", "json"), default="text")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message
        return 0 if exit_.code in (0, None) else 2
    try:
        requests, rules, debate = read_file(_read(args.file))
        found = speaking_list(requests, rules, debate)
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except SpeakersError as error:
        print(f"error: {args.file}: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(as_json(found), ensure_ascii=False, indent=2))
    else:
        print(render_text(found, rules))
    return 0


def _read(path: str) -> str:
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        raise FileRefused(f"{size} bytes, over the limit of {MAX_FILE_BYTES} bytes")
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(f"over the limit of {MAX_FILE_BYTES} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise FileRefused("not UTF-8 text") from None


def read_file(text: str) -> tuple[tuple[SpeakingRequest, ...], ListRules, Debate]:
    """The requests, rules and debate of a file in the format above; :class:`FileRefused`
    names the key at fault (``requests[2].stance``)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRefused(f"not JSON: {error.msg} at line {error.lineno}") from None
    fault = text_fault(document, max_depth=6, refuse_nul=True)
    if fault is not None:
        raise FileRefused(
            {
                "nested": "nested too deep",
                "surrogate": "a string is not text",
                "nul": "a string holds a NUL character",
            }[fault]
        )
    top = _object(document, "", _TOP_KEYS, required={"requests"})
    rules_doc = _object(top.get("rules", {}), "rules", _RULE_KEYS)
    rules = _build(
        "rules",
        lambda: ListRules(
            alternate_stances=_bool(rules_doc, "alternate_stances", "rules"),
            gender_order=_choice(GenderOrder, rules_doc, "gender_order", GenderOrder.NONE),
            progressive_stack=_choice(
                ProgressiveStack, rules_doc, "progressive_stack", ProgressiveStack.OFF
            ),
            ask_women_to_continue=_bool(rules_doc, "ask_women_to_continue", "rules"),
            points_of_order_when_closed=_bool(
                rules_doc, "points_of_order_when_closed", "rules", default=True
            ),
        ),
    )
    speeches = []
    for where, item in _items(top.get("speeches", []), "speeches"):
        fields = _object(item, where, _SPEECH_KEYS, required={"speaker", "stance"})
        speeches.append(_build(where, partial(Speech, **fields)))
    earlier = top.get("earlier_speakers", [])
    if not isinstance(earlier, list) or not all(isinstance(k, str) for k in earlier):
        raise FileRefused("must be a list of speaker keys", key="earlier_speakers")
    agreed = _bool(top, "women_agreed_to_continue", "")
    requests = []
    for where, item in _items(top["requests"], "requests"):
        fields = _object(item, where, _REQUEST_KEYS, required=_REQUEST_REQUIRED)
        requests.append(_build(where, partial(SpeakingRequest, **fields)))
    return tuple(requests), rules, Debate(tuple(speeches), frozenset(earlier), agreed)


def _build(where: str, make: Callable[[], T]) -> T:
    try:
        return make()
    except FileRefused:
        raise
    except (SpeakersError, ValueError) as error:
        raise FileRefused(str(error), key=where) from None


def _object(
    value: object, where: str, allowed: set[str], required: frozenset[str] | set[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FileRefused("must be an object", key=where or None)
    for key in value:
        if key not in allowed:
            raise FileRefused(
                f"unknown key (one of {', '.join(sorted(allowed))})",
                key=f"{where}.{key}" if where else key,
            )
    for key in sorted(required - value.keys()):
        raise FileRefused("missing", key=f"{where}.{key}" if where else key)
    return value


def _items(value: object, where: str) -> list[tuple[str, Any]]:
    if not isinstance(value, list):
        raise FileRefused("must be a list", key=where)
    return [(f"{where}[{index}]", item) for index, item in enumerate(value)]


def _bool(document: dict[str, Any], key: str, where: str, *, default: bool = False) -> bool:
    value = document.get(key, default)
    if not isinstance(value, bool):
        raise FileRefused("must be true or false", key=f"{where}.{key}" if where else key)
    return value


def _choice(enum: type[E], document: dict[str, Any], key: str, default: E) -> E:
    value = document.get(key, default)
    if isinstance(value, str) and value in {member.value for member in enum}:
        return enum(value)
    known = ", ".join(repr(member.value) for member in enum)
    raise FileRefused(f"must be one of {known}, not {value!r}", key=f"rules.{key}")


def as_json(found: SpeakersList) -> dict[str, Any]:
    """The list as JSON: each place with the request's id and speaker, the reasons by their
    stable names (``woman-turn``) and whether it is held."""
    return {
        "order": [
            {
                "position": position,
                "id": turn.request.id,
                "speaker": turn.request.speaker,
                "reasons": [reason.name.lower().replace("_", "-") for reason in turn.reasons],
                "held": turn.held,
            }
            for position, turn in enumerate(found.turns, start=1)
        ],
        "held": found.held,
    }


def describe_rules(rules: ListRules) -> str:
    """The rules in a line: "for and against alternate; women first, alternating"."""
    parts = []
    if rules.alternate_stances:
        parts.append("for and against alternate")
    if rules.gender_order is GenderOrder.ALTERNATE:
        parts.append("women first, alternating")
        if rules.ask_women_to_continue:
            parts.append("the women decide whether the debate goes on without them")
    if rules.progressive_stack is ProgressiveStack.DEBATE:
        parts.append("first speeches in this debate first")
    elif rules.progressive_stack is ProgressiveStack.CONFERENCE:
        parts.append("first speeches at the conference first")
    return "; ".join(parts) if parts else "in order of asking"


def render_text(found: SpeakersList, rules: ListRules) -> str:
    """The list as aligned text: position, id, speaker, gender and stance, reasons."""
    lines = [f"Speakers' list: {len(found.turns)} waiting", f"rules: {describe_rules(rules)}"]
    cells = [
        (
            str(position),
            turn.request.id,
            turn.request.speaker,
            ", ".join(
                part
                for part in (
                    turn.request.gender,
                    turn.request.stance if turn.request.role == "speaker" else turn.request.role,
                )
                if part
            ),
            "; ".join(reason.value for reason in turn.reasons if reason.name != "HELD"),
        )
        for position, turn in enumerate(found.turns, start=1)
    ]
    widths = [max((len(c[i]) for c in cells), default=0) for i in range(4)]
    first_held = next((i for i, turn in enumerate(found.turns) if turn.held), None)
    if cells:
        lines.append("")
    for index, (position, *middle, reasons) in enumerate(cells):
        if index == first_held:
            lines.append("-- held: the women of the conference decide whether the debate goes on")
        columns = [position.rjust(widths[0])]
        columns += [text.ljust(width) for text, width in zip(middle, widths[1:], strict=True)]
        lines.append("  ".join([*columns, reasons]).rstrip())
    return "\n".join(lines)
