"""The model rulebooks shipped as package data."""

from __future__ import annotations

from importlib.resources import files

import pytest

from newcourse.rulebook import (
    CATALOGUE,
    MODELS,
    ModelRulebook,
    RulebookError,
    model_text,
    parse_rulebook,
)


def test_models_are_three_organisations_in_two_languages() -> None:
    assert [(m.key, m.language) for m in MODELS] == [
        ("trade-union", "en"),
        ("trade-union", "fr"),
        ("party", "en"),
        ("party", "fr"),
        ("co-operative", "en"),
        ("co-operative", "fr"),
    ]
    assert MODELS[0] == ModelRulebook("trade-union", "en", "models/trade-union.en.md")


@pytest.mark.parametrize(("key", "language"), [("union", "en"), ("party", "de")])
def test_model_text_refuses_unknown_model(key: str, language: str) -> None:
    with pytest.raises(RulebookError) as caught:
        model_text(key, language)

    assert str(caught.value) == (
        f"there is no model rulebook {key!r} in {language!r}; the models are "
        "trade-union, party, co-operative, in en, fr"
    )


@pytest.mark.parametrize("model", MODELS, ids=lambda m: f"{m.key}.{m.language}")
def test_model_rulebook_sets_every_parameter(model: ModelRulebook) -> None:
    shipped = files("newcourse.rulebook").joinpath(model.path)
    if not shipped.is_file():
        pytest.skip(f"{model.path} is written on another branch")

    rulebook = parse_rulebook(model_text(model.key, model.language))

    assert list(rulebook.settings) == list(CATALOGUE)
