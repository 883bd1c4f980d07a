"""The test rulebook, which sets every catalogue parameter, as text and parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.rulebook import Rulebook, parse_rulebook

RULEBOOK_PATH = Path(__file__).parent / "data" / "rulebook.md"


@pytest.fixture
def rulebook_path() -> Path:
    return RULEBOOK_PATH


@pytest.fixture
def rulebook_text() -> str:
    return RULEBOOK_PATH.read_text(encoding="utf-8")


@pytest.fixture
def rulebook(rulebook_text: str) -> Rulebook:
    return parse_rulebook(rulebook_text)
