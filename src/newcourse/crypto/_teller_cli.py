"""`newcourse teller STEP DIR ...`: a teller's part of the key ceremony and the count, run on
the teller's own machine. Each step reads and writes JSON files in the teller's directory;
the server only relays the public ones, one file per teller or one bundle per step
(`newcourse-teller-bundle/1`): commit, deal and receive take either, mixed. For a count that
needs each ballot (ranked ballots), `shuffle` is each teller's turn in the shuffle, in the
order of the tellers' numbers.

Exit codes: 0 done; 1 the step refused (a file that is not this teller's, a proof that fails,
a step out of order); 2 bad arguments."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._errors import CryptoError
from ._teller_steps import (
    teller_step_commit,
    teller_step_deal,
    teller_step_decrypt,
    teller_step_keygen,
    teller_step_receive,
    teller_step_shuffle_turn,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newcourse teller", description="A teller's steps, on the teller's machine."
    )
    steps = parser.add_subparsers(dest="step", required=True)
    keygen = steps.add_parser("keygen", help="1. make this teller's long-term key")
    keygen.add_argument("directory", metavar="DIR")
    keygen.add_argument("--election", required=True, help="the election id")
    keygen.add_argument("--index", type=int, required=True, help="this teller's number, 1..n")
    keygen.add_argument("--tellers", type=int, default=5, help="n (default 5)")
    keygen.add_argument("--threshold", type=int, default=3, help="t (default 3)")
    commit = steps.add_parser("commit", help="2. check all public keys; commit to a polynomial")
    commit.add_argument("directory", metavar="DIR")
    commit.add_argument(
        "files", nargs="+", metavar="PUBLIC_KEY_JSON", help="public-key.json files or bundles"
    )
    deal = steps.add_parser("deal", help="3. after all commitments: reveal and seal shares")
    deal.add_argument("directory", metavar="DIR")
    deal.add_argument(
        "files", nargs="+", metavar="COMMITMENT_JSON", help="commitment.json files or bundles"
    )
    receive = steps.add_parser("receive", help="4. check the deals; keep shares or complain")
    receive.add_argument("directory", metavar="DIR")
    receive.add_argument("files", nargs="+", metavar="DEAL_JSON", help="deal.json files or bundles")
    decrypt = steps.add_parser("decrypt", help="5. after the close: the decryption share")
    decrypt.add_argument("directory", metavar="DIR")
    decrypt.add_argument(
        "record",
        metavar="RECORD_DIR",
        help="a folder or a .zip file holding manifest, tellers, credentials, board and "
        "aggregate .json (in a .zip, at its top level)",
    )
    shuffle = steps.add_parser(
        "shuffle", help="after the close, in turn: re-encrypt and reorder the ballot list"
    )
    shuffle.add_argument("directory", metavar="DIR")
    shuffle.add_argument(
        "source",
        metavar="BALLOT_LIST_JSON",
        help="the list to shuffle: the board's (teller 1) or the previous teller's shuffle",
    )
    shuffle.add_argument(
        "--out",
        metavar="FILE",
        help="where to write this teller's shuffle (default DIR/shuffle-INDEX.json); never "
        "over an existing file",
    )
    shuffle.add_argument(
        "--published",
        metavar="RECORD_DIR",
        help="the files 'decrypt' reads (a folder or a .zip): check that the list is under "
        "this election's key and, for teller 1, that it is the board's counted ballots",
    )
    shuffle.add_argument(
        "--processes", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one teller step; return the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    try:
        if args.step == "keygen":
            written = teller_step_keygen(
                args.directory,
                election_id=args.election,
                index=args.index,
                tellers=args.tellers,
                threshold=args.threshold,
            )
        elif args.step == "commit":
            written = teller_step_commit(args.directory, args.files)
        elif args.step == "deal":
            written = teller_step_deal(args.directory, args.files)
        elif args.step == "receive":
            written = teller_step_receive(args.directory, args.files)
        elif args.step == "shuffle":
            if args.processes < 1:
                print("error: --processes must be at least 1", file=sys.stderr)
                return 2
            written = teller_step_shuffle_turn(
                args.directory,
                args.source,
                args.out,
                published=args.published,
                jobs=args.processes,
            )
        else:
            written = teller_step_decrypt(args.directory, args.record)
    except CryptoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (KeyError, TypeError, ValueError) as error:
        print(f"error: malformed teller file: {error!r}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
