"""The model rulebooks a new organisation can start from, shipped as package data.

Each is a file ``models/{key}.{language}.md`` in this package: the same parameters in every
language (the values are code), the prose translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from ._errors import RulebookError

MODEL_KEYS = ("trade-union", "party", "co-operative")
MODEL_LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class ModelRulebook:
    """A model rulebook: its key ("trade-union"), language ("en") and path in the package."""

    key: str
    language: str
    path: str


MODELS: tuple[ModelRulebook, ...] = tuple(
    ModelRulebook(key, language, f"models/{key}.{language}.md")
    for key in MODEL_KEYS
    for language in MODEL_LANGUAGES
)


def model_text(key: str, language: str) -> str:
    """The text of a model rulebook. Raises RulebookError for a model or language not shipped."""
    if key not in MODEL_KEYS or language not in MODEL_LANGUAGES:
        raise RulebookError(
            None,
            f"there is no model rulebook {key!r} in {language!r}; the models are "
            f"{', '.join(MODEL_KEYS)}, in {', '.join(MODEL_LANGUAGES)}",
        )
    resource = (
        files(__package__ or "newcourse.rulebook")
        .joinpath("models")
        .joinpath(f"{key}.{language}.md")
    )
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulebookError(
            None, f"the model rulebook {key}.{language}.md is missing from this installation"
        ) from None
