"""A body's place in the tree, read from its path."""

from __future__ import annotations

from newcourse.organisation.models import Body


def test_a_body_knows_the_ids_from_the_root_down():
    assert Body(path="/1/4/17/").path_ids() == [1, 4, 17]


def test_bodies_sort_by_the_tree_whatever_the_number_of_digits_in_their_ids():
    nine, ten = Body(path="/1/9/"), Body(path="/1/10/")
    assert sorted([ten, nine], key=Body.path_ids) == [nine, ten]
