"""The one exception hierarchy of `newcourse.crypto`.

Every error this library raises on purpose derives from `CryptoError`, so a caller (the
server, the CLI) can turn any of them into a clear message instead of a traceback.
"""

from __future__ import annotations


class CryptoError(Exception):
    """Base of every error this library raises on purpose."""


class InvalidEncoding(CryptoError):
    """Bytes, hex or JSON that do not decode to what they claim (non-canonical point, the
    identity where it is not allowed, a scalar >= ℓ, a missing field)."""


class InvalidCredentialCode(InvalidEncoding):
    """A credential code as typed that is not one: a character outside the code's alphabet,
    or not exactly 20 of them. The message says which character is wrong, for the voter."""


class InvalidProof(CryptoError):
    """A zero-knowledge proof or a signature that does not verify."""


class InvalidShuffle(InvalidProof):
    """A shuffle whose output is not shown to be its input re-encrypted and reordered: lists
    of different lengths or widths, a proof of the wrong shape, or a proof that does not
    verify for this election, key and place in the tellers' chain. The message says which."""


class InvalidBallot(CryptoError):
    """A well-formed ballot that cannot be accepted: another election, a credential that is not
    on the list, the wrong number of questions or options."""


class TellerError(CryptoError):
    """A teller step that cannot run: a file that is not this teller's, a step out of order."""


class RecordError(CryptoError):
    """An election record that cannot be read: a missing or malformed file, an unknown format.

    The CLI exits 2 on this: the input is unusable, rather than shown to be wrong."""


class VerificationFailed(CryptoError):
    """A record that reads correctly but fails one of the verifier's checks.

    `check` names the check (as printed by the verifier) and `detail` says what was wrong."""

    def __init__(self, check: str, detail: str) -> None:
        self.check = check
        self.detail = detail
        super().__init__(f"{check}: {detail}")
