"""The links to the amendments one conflicts with, joined once per amendment."""

from __future__ import annotations

import pytest
from django.utils import translation

from newcourse.conferences.templatetags.amendment_links import amendment_links


def test_the_conflicting_amendments_are_linked_in_order_and_joined_by_commas():
    assert amendment_links((2, 17)) == (
        '<a href="#amendment-2">amendment 2</a>, <a href="#amendment-17">amendment 17</a>'
    )


def test_no_conflict_links_nothing():
    assert amendment_links(()) == ""


def test_the_links_speak_the_readers_language():
    with translation.override("fr"):
        assert amendment_links((3,)) == '<a href="#amendment-3">l’amendement 3</a>'


def test_only_amendment_numbers_are_linked():
    with pytest.raises(ValueError):
        amendment_links(("<script>",))
