"""What most conference tests start from: the International's general secretary, the
congress they called (delegates sent by branches), and a standing orders committee of one
chair. A module that needs otherwise defines its own fixture of the same name."""

from __future__ import annotations

import pytest
from tests.conferences.steps import call, committee


@pytest.fixture
def secretary(tree, officer_of):
    return officer_of(tree["international"], branch=tree["far"], title="General secretary")


@pytest.fixture
def conference(tree, secretary):
    return call(secretary, tree["international"], unit_kind="Branch")


@pytest.fixture
def chair(tree, make_member, secretary, conference):
    member = make_member(tree["far"], name="Committee Chair")
    committee(secretary, conference, [member])
    return member
