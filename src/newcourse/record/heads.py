"""The installation's signed heads: its Ed25519 key and the head it signs.

The key is a 32-byte seed in the private data directory (`record_signing_key`, mode 0600),
made on first use like the secret key. Signing happens at read time: a signed head is a
statement made now about the head row, and making one writes nothing to the database.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from newcourse import crypto, ledger

from .models import RecordEntry, RecordHead

KEY_FILE = "record_signing_key"
KEY_FORMAT = "newcourse-head-key/1"


def signing_key_path() -> Path:
    return Path(settings.NEWCOURSE_HOME) / KEY_FILE


def signing_seed() -> bytes:
    """The installation's signing key, created readable by the server's user only."""
    path = signing_key_path()
    if not path.exists():
        # Written whole under another name, then linked into place: two processes starting
        # at once never read a half-written key, and the first link wins.
        seed = crypto.signing_key_new()
        draft = path.with_name(f"{KEY_FILE}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(seed.hex())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return bytes.fromhex(path.read_text().strip())


def public_key() -> str:
    """The installation's public key, 64 hex digits: what members and peers keep."""
    return crypto.signing_public_key(signing_seed())


def installation_name() -> str:
    return str(settings.NEWCOURSE_INSTALLATION)


def signed_head() -> crypto.SignedHead:
    """The current head row, signed now."""
    head = RecordHead.objects.filter(pk=1).values_list("seq", "hash").first()
    seq, hash_ = head or (0, ledger.GENESIS_HASH)
    return _signed(seq, hash_)


def signed_entry(at: int) -> crypto.SignedHead | None:
    """Entry `at`'s hash, signed now (None if there is no such entry). A peer that
    countersigned an earlier head asks for that entry before countersigning a later one: a
    history re-sealed since shows as another hash, and the signature makes it proof."""
    if at == 0:
        return _signed(0, ledger.GENESIS_HASH)
    found = RecordEntry.objects.filter(seq=at).values_list("hash", flat=True).first()
    return None if found is None else _signed(at, found)


def _signed(seq: int, hash_: str) -> crypto.SignedHead:
    return crypto.head_sign(
        seed=signing_seed(),
        installation=installation_name(),
        seq=seq,
        hash_=hash_,
        signed_at=timezone.now().isoformat(timespec="seconds"),
    )


def key_json() -> dict[str, str]:
    """The public key as published (/record/key.json and the API)."""
    return {
        "format": KEY_FORMAT,
        "installation": installation_name(),
        "algorithm": "Ed25519",
        "public_key": public_key(),
    }
