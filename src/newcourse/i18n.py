"""Compile translation catalogues (.po) to the GNU .mo format, with no GNU gettext installed.

A fresh install has only Python, so `msgfmt` cannot be assumed; and a compiled .mo is a
generated file, never committed. The .po files ship with the package and are compiled at
start-up into the data directory (see `newcourse.web.apps.WebConfig.ready`).

polib reads the .po files and writes the .mo files, as `msgfmt` would: fuzzy, untranslated and
obsolete (`#~`) entries are left out, the header (msgid "") is kept for its charset and plural
rule. A .po file polib cannot read raises OSError, naming the file and line.

This module imports no Django.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import polib

__all__ = ["compile_catalogues", "po_compile", "po_read"]

logger = logging.getLogger(__name__)


def po_read(po_path: Path) -> polib.POFile:
    """The entries of one .po file (its header apart, in `.metadata`), in file order."""
    return polib.pofile(str(po_path), encoding="utf-8")


def po_compile(po_path: Path, mo_path: Path) -> None:
    """Compile one .po file to `mo_path`, atomically: readers see the old file or the new one."""
    compiled = po_read(po_path).to_binary()
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=mo_path.parent, prefix=mo_path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(compiled)
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
