"""Most floor tests start from a conference sitting (tests/floor/sitting.py)."""

from __future__ import annotations

import pytest
from tests.floor.sitting import RULEBOOK, sitting_hall


@pytest.fixture
def rulebook_parameters():
    return dict(RULEBOOK)


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def hall(tree, make_member, secretary):
    return sitting_hall(tree, make_member, secretary)
