"""The verifiable election's own refusals, in the one tree of `newcourse.refusals`."""

from __future__ import annotations

from newcourse.refusals import InvalidInput, Refused


class InvalidTellerFile(InvalidInput):
    """A teller's file is not the one the ceremony or the count needs now."""

    code = "invalid-teller-file"


class StoredElectionTampered(Refused):
    """A verifiable election as stored fails one of the verifier's checks: its manifest, key,
    tellers' files, credential list or board no longer match its fingerprint or its hash chain.
    Nothing is read from it or added to it; the message names the check and what failed, in
    the verifier's words, so that the tellers can look into it."""

    code = "stored-election-tampered"
    status = 409
