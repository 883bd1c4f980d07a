"""The pages' and API's words for who sees the signatories are the rulebook's."""

from newcourse.rulebook._values import WORDS
from newcourse.tendencies.models import Visibility


def test_visibility_choices_are_the_rulebooks_words():
    assert tuple(Visibility.values) == WORDS["visibility"]
