"""Credential codes: what a voter is given on paper or by email instead of a 64-hex scalar.

A code is 20 symbols from a 32-symbol alphabet without the look-alikes I, O, 0 and 1
(100 bits), shown in groups of five: "ABCDE-FGHJK-LMNPQ-RSTUV". The credential secret is
challenge("credential-code", election_id, normalised code), so the same code gives a
different credential in every election (docs/verifiable-ballots.md §6, "Credential codes").
"""

from __future__ import annotations

import secrets
from typing import Final

from ._election import Credential
from ._errors import InvalidCredentialCode
from ._group import Scalar, base_mul
from ._hashing import challenge

CODE_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""The 32 symbols of a credential code: A–Z without I and O, then 2–9."""

CODE_LENGTH: Final = 20
"""Symbols in a code (5 bits each: 100 bits)."""

CODE_TAG: Final = "credential-code"

_GROUP: Final = 5
_SKIPPED: Final = frozenset(" -")


def credential_code_new() -> str:
    """A fresh code: 20 symbols drawn uniformly with `secrets`, in groups of five joined by
    "-" (e.g. "ABCDE-FGHJK-LMNPQ-RSTUV")."""
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(symbols[i : i + _GROUP] for i in range(0, CODE_LENGTH, _GROUP))


def credential_code_normalise(code: str) -> str:
    """The 20 symbols of a code as typed: a–z upper-cased, spaces and "-" dropped. Any other
    character, or a count other than 20, raises InvalidCredentialCode saying what is wrong."""
    if not isinstance(code, str):
        raise InvalidCredentialCode("a credential code must be text")
    symbols = []
    for position, character in enumerate(code, 1):
        if character in _SKIPPED:
            continue
        upper = character.upper() if "a" <= character <= "z" else character
        if upper not in CODE_ALPHABET:
            raise InvalidCredentialCode(_wrong_character(character, position))
        symbols.append(upper)
    if len(symbols) != CODE_LENGTH:
        raise InvalidCredentialCode(
            f"a credential code has {CODE_LENGTH} letters and digits; this one has {len(symbols)}"
        )
    return "".join(symbols)


def _wrong_character(character: str, position: int) -> str:
    return (
        f"credential code: character {position}, {character!r}, is not allowed; codes use only "
        "the letters A-Z except I and O, and the digits 2-9"
    )


def credential_from_code(election_id: str, code: str) -> Scalar:
    """The credential secret for `code` in this election:
    challenge("credential-code", election_id, normalised code). Raises InvalidCredentialCode
    for a malformed code (and, with probability 2^-252, for one whose secret would be 0)."""
    secret = challenge(CODE_TAG, election_id, credential_code_normalise(code))
    if secret.value == 0:  # pragma: no cover - probability 2^-252
        raise InvalidCredentialCode("this credential code gives the zero scalar: issue another")
    return secret


def credential_issue(election_id: str, weight: int = 1) -> tuple[str, Credential]:
    """A new voter's code (give it to the voter, then forget it) and the public `Credential`
    (key = secret·B, weight) for the published list."""
    if weight < 1:
        raise ValueError("a credential's weight must be at least 1")
    code = credential_code_new()
    return code, Credential(base_mul(credential_from_code(election_id, code)), weight)
