"""Compile translation catalogues (.po) to the GNU .mo format, with no GNU gettext installed.

A fresh install has only Python, so `msgfmt` cannot be assumed; and a compiled .mo is a
generated file, never committed. The .po files ship with the package and are compiled at
start-up into the data directory (see `newcourse.web.apps.WebConfig.ready`).

The reader understands what `makemessages` writes and translators edit: comments and flags,
`msgctxt`, `msgid_plural` with `msgstr[n]`, strings continued over several lines, and C escapes
(`\\n`, `\\"`, `\\\\`, octal and hex). Fuzzy entries, untranslated entries and obsolete (`#~`)
entries are left out of the .mo, as `msgfmt` does; the header entry (msgid "") is always kept,
because it carries the charset and the plural rule.

The .mo layout (GNU gettext manual, "The Format of GNU MO Files"): a 28-byte header (magic
0x950412de, revision 0, number of strings, offsets of the two tables, an empty hash table),
a table of (length, offset) for the original strings sorted by their bytes, the same for the
translations, then the strings, each followed by a NUL. A context is joined to its msgid with
\\x04; a msgid and its msgid_plural, and the plural translations, are joined with \\x00.

This module imports no Django.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CatalogueError", "Message", "compile_catalogues", "mo_bytes", "po_compile", "po_read"]

logger = logging.getLogger(__name__)

MO_MAGIC = 0x950412DE
CONTEXT_SEPARATOR = "\x04"
PLURAL_SEPARATOR = "\x00"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", re.DOTALL)
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


class CatalogueError(ValueError):
    """A .po file that cannot be read: the message names the file and line."""


@dataclass
class Message:
    """One catalogue entry. `msgstr` holds one string, or one per plural form."""

    msgid: str
    msgstr: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid_plural: str | None = None
    flags: set[str] = field(default_factory=set)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr)

    @property
    def mo_key(self) -> str:
        key = self.msgid
        if self.msgid_plural is not None:
            key += PLURAL_SEPARATOR + self.msgid_plural
        if self.msgctxt is not None:
            key = self.msgctxt + CONTEXT_SEPARATOR + key
        return key

    @property
    def mo_value(self) -> str:
        return PLURAL_SEPARATOR.join(self.msgstr)


def _unescape(quoted: str) -> str:
    """The text of one quoted PO string, its C escapes resolved."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] == "x" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code[0] in "01234567":
            return chr(int(code, 8))
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(replace, quoted[1:-1])


def po_read(text: str, source: str = "<po>") -> list[Message]:
    """Parse the text of a .po file into its entries, header first, in file order."""
    messages: list[Message] = []
    current: Message | None = None
    flags: set[str] = set()
    # The field a continuation line ("...") appends to: (name, plural index).
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal current, flags, target
        if current is not None:
            current.flags = flags
            messages.append(current)
        current, flags, target = None, set(), None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            # A blank line ends an entry; obsolete entries are dropped.
            if not line:
                finish()
            continue
        if line.startswith("#"):
            if current is not None and current.msgstr:
                finish()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith('"'):
            if current is None or target is None or len(line) < 2 or not line.endswith('"'):
                raise CatalogueError(f"{source}:{number}: a string continues nothing")
            _append(current, target, _unescape(line))
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise CatalogueError(f"{source}:{number}: cannot read {line!r}")
        keyword, index, quoted = match.groups()
        value = _unescape(quoted)
        if keyword in {"msgctxt", "msgid"} and current is not None and current.msgstr:
            finish()
        if current is None:
            current = Message(msgid="")
        if keyword == "msgctxt":
            current.msgctxt = value
            target = ("msgctxt", 0)
        elif keyword == "msgid":
            current.msgid = value
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            current.msgid_plural = value
            target = ("msgid_plural", 0)
        else:
            position = int(index) if index is not None else 0
            if position != len(current.msgstr):
                raise CatalogueError(f"{source}:{number}: msgstr[{position}] out of order")
            current.msgstr.append(value)
            target = ("msgstr", position)
    finish()
    return messages


def _append(message: Message, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        message.msgstr[index] += text
    elif name == "msgid":
        message.msgid += text
    elif name == "msgid_plural":
        message.msgid_plural = (message.msgid_plural or "") + text
    else:
        message.msgctxt = (message.msgctxt or "") + text


def mo_bytes(messages: list[Message]) -> bytes:
    """The GNU .mo file for these entries, keeping the header and translated, non-fuzzy ones."""
    pairs: dict[bytes, bytes] = {}
    for message in messages:
        is_header = message.msgid == "" and message.msgctxt is None
        if not is_header and (message.fuzzy or not message.translated):
            continue
        pairs[message.mo_key.encode("utf-8")] = message.mo_value.encode("utf-8")
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    strings_at = translations_at + count * 8
    originals, translations, data = [], [], bytearray()
    for key in keys:
        originals.append((len(key), strings_at + len(data)))
        data += key + b"\x00"
    for key in keys:
        value = pairs[key]
        translations.append((len(value), strings_at + len(data)))
        data += value + b"\x00"
    header = struct.pack("<7I", MO_MAGIC, 0, count, originals_at, translations_at, 0, strings_at)
    tables = b"".join(struct.pack("<2I", *entry) for entry in originals + translations)
    return header + tables + bytes(data)


def po_compile(po_path: Path, mo_path: Path) -> None:
    """Compile one .po file to `mo_path`, atomically: readers see the old file or the new one."""
    messages = po_read(po_path.read_text(encoding="utf-8"), source=str(po_path))
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=mo_path.parent, prefix=mo_path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(mo_bytes(messages))
        os.replace(temporary, mo_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    """Compile each `source/<lang>/LC_MESSAGES/*.po` whose .mo under `target` is missing or older.

    Returns the .mo files written. Safe to run from several processes at once: each writes its
    own temporary file and renames it into place.
    """
    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        po_compile(po_path, mo_path)
        logger.info("Compiled %s to %s", po_path, mo_path)
        written.append(mo_path)
    return written
