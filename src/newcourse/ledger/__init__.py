"""The open record: a hash-chained, append-only log of every change of state.

Every admission, transfer, expulsion, body created, election and decision appends one
:class:`Entry`, sealed with :func:`seal` in the same transaction as the change.  Each entry
carries the hash of the one before, so anyone holding an export can check with
:func:`verify_file` that no entry was changed, removed or reordered, and by comparing head
hashes, that none was dropped from the end.  A head a member kept (:class:`KeptHead`)
catches more: a history edited and re-sealed after that head no longer holds it.  The
format, ``newcourse-record/1``, is specified in ``docs/record.md``.

Pure Python: importing this package never imports Django.

Errors form one hierarchy under :class:`LedgerError`: :class:`MalformedEntry` (a value or
line of the wrong shape), :class:`ChainBroken` (verification failed, at ``seq``/``line``,
for ``reason``), :class:`UnreadableRecord` (not an export this version reads) and
:class:`CommitmentMismatch` (private parts shown for an entry are not the ones it committed
to: see :func:`private_commitment` and :func:`verify_opening`).
"""

from newcourse.ledger._chain import (
    ChainReport,
    KeptHead,
    Progress,
    kept_head_missing,
    parse_kept_head,
    verify_chain,
)
from newcourse.ledger._cli import kept_head_verdict, verify_main
from newcourse.ledger._encoding import FORMAT, GENESIS_HASH, JSONValue, canonical_bytes
from newcourse.ledger._entry import ENTRY_FIELDS, Entry, entry_hash, seal
from newcourse.ledger._errors import (
    ChainBroken,
    CommitmentMismatch,
    LedgerError,
    MalformedEntry,
    UnreadableRecord,
)
from newcourse.ledger._file import verify_file
from newcourse.ledger._jsonl import PathOrFile, export_chunks, read_jsonl, write_jsonl
from newcourse.ledger._private import PRIVATE_KEY, new_salt, private_commitment, verify_opening

__all__ = [
    "ENTRY_FIELDS",
    "FORMAT",
    "GENESIS_HASH",
    "PRIVATE_KEY",
    "ChainBroken",
    "ChainReport",
    "CommitmentMismatch",
    "Entry",
    "JSONValue",
    "KeptHead",
    "LedgerError",
    "MalformedEntry",
    "PathOrFile",
    "Progress",
    "UnreadableRecord",
    "canonical_bytes",
    "entry_hash",
    "export_chunks",
    "kept_head_missing",
    "kept_head_verdict",
    "new_salt",
    "parse_kept_head",
    "private_commitment",
    "read_jsonl",
    "seal",
    "verify_chain",
    "verify_file",
    "verify_main",
    "verify_opening",
    "write_jsonl",
]
