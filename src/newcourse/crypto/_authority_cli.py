"""`newcourse credentials download|generate|upload`: the credential authority's commands, run
on the authority's own machine, not on the server (no database, no Django).

    newcourse credentials download --server URL --election ID [--out electors.json]
    newcourse credentials generate electors.json --out DIR [--email --from ADDR --smtp-host H]
    newcourse credentials upload --server URL --election ID DIR/public-credentials.json

`download` and `upload` use the API with the authority's token (NEWCOURSE_API_TOKEN). The
codes `generate` makes stay in DIR (letters.csv, letters.txt, readable by you only) or go
straight to the members by email from this machine; only public-credentials.json goes to the
server. Exit codes: 0 done; 1 refused (by the server, or a file that is not what it should
be); 2 bad arguments or an unreadable file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._authority import (
    ElectorsList,
    Send,
    credentials_generate,
    letters_csv,
    letters_email,
    letters_text,
    smtp_send,
)
from ._errors import CryptoError

TOKEN_VARIABLE = "NEWCOURSE_API_TOKEN"  # noqa: S105 - a variable's name
SMTP_PASSWORD_VARIABLE = "NEWCOURSE_SMTP_PASSWORD"  # noqa: S105 - a variable's name


class Refusal(Exception):
    """The server said no, or answered with something else than asked for."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newcourse credentials",
        description="The credential authority's steps, on the authority's own machine.",
    )
    steps = parser.add_subparsers(dest="step", required=True)
    download = steps.add_parser("download", help="1. fetch the electors list (authority only)")
    download.add_argument("--server", required=True, help="the server's address, https://…")
    download.add_argument("--election", required=True, type=int, help="the election's number")
    download.add_argument("--out", default="electors.json", help="where to write the list")
    generate = steps.add_parser("generate", help="2. make the codes and the public file")
    generate.add_argument("electors", metavar="ELECTORS_JSON")
    generate.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    generate.add_argument("--email", action="store_true", help="email each member their code")
    generate.add_argument("--from", dest="sender", default="", help="the emails' From address")
    generate.add_argument("--smtp-host", default="localhost")
    generate.add_argument("--smtp-port", type=int, default=587)
    generate.add_argument(
        "--smtp-user", default="", help=f"the password is read from {SMTP_PASSWORD_VARIABLE}"
    )
    generate.add_argument("--no-starttls", action="store_true", help="plain SMTP (local relay)")
    upload = steps.add_parser("upload", help="3. hand the server the public credentials")
    upload.add_argument("--server", required=True)
    upload.add_argument("--election", required=True, type=int)
    upload.add_argument("public", metavar="PUBLIC_CREDENTIALS_JSON")
    return parser


def main(argv: Sequence[str] | None = None, *, send: Send | None = None) -> int:
    """Run one step; return the exit code. `send` replaces the SMTP connection (tests)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    try:
        if args.step == "download":
            document = _api(args.server, f"elections/{args.election}/electors/")
            _write(Path(args.out), json.dumps(document, indent=1, ensure_ascii=False))
            print(f"wrote {args.out}: {len(document.get('electors', []))} electors")
        elif args.step == "generate":
            return _generate(args, send)
        else:
            public = json.loads(Path(args.public).read_text(encoding="utf-8"))
            answer = _api(args.server, f"elections/{args.election}/credentials/", public)
            print(
                f"uploaded {answer.get('uploaded')} public credentials; the server holds "
                f"{answer.get('credentials')} for {answer.get('electorate')} electors "
                f"(fingerprint {answer.get('fingerprint')})"
            )
    except (Refusal, CryptoError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _generate(args: argparse.Namespace, send: Send | None) -> int:
    electors = ElectorsList.from_json(json.loads(Path(args.electors).read_text(encoding="utf-8")))
    out = Path(args.out)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    if any(out.iterdir()):
        print(f"error: {out} is not empty: codes are never overwritten", file=sys.stderr)
        return 2
    public, letters = credentials_generate(electors)
    title, eid = electors.title, electors.election_id
    if args.email:
        close = None
        if send is None:
            send, close = smtp_send(
                args.smtp_host,
                args.smtp_port,
                user=args.smtp_user,
                password=os.environ.get(SMTP_PASSWORD_VARIABLE, ""),
                starttls=not args.no_starttls,
            )
        try:
            to_print = letters_email(
                letters, title=title, election_id=eid, sender=args.sender, send=send
            )
        finally:
            if close is not None:
                close()
        print(f"emailed {len(letters) - len(to_print)} codes")
    else:
        to_print = letters
    _write(out / "public-credentials.json", json.dumps(public, indent=1))
    _write(out / "letters.csv", letters_csv(to_print))
    _write(out / "letters.txt", letters_text(title, eid, to_print))
    print(
        f"wrote {out}/public-credentials.json ({len(public['credentials'])} credentials: "
        f"upload it) and {len(to_print)} letters to deliver in {out}/letters.csv and "
        f"letters.txt (readable by you only; delete them once delivered)"
    )
    return 0


def _write(path: Path, text: str) -> None:
    """Readable by the user only: a letters file holds codes."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def _api(server: str, path: str, body: Any = None) -> Any:
    """GET (or POST `body` as JSON to) /api/v1/`path` with the authority's token."""
    token = os.environ.get(TOKEN_VARIABLE, "")
    if not token:
        raise Refusal(f"set {TOKEN_VARIABLE} to your API token (newcourse token create)")
    if not server.startswith(("https://", "http://")):
        raise Refusal("--server must be the server's address, https://…")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        f"{server.rstrip('/')}/api/v1/{path}",
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="GET" if body is None else "POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            problem = json.loads(error.read())
            detail = problem.get("detail") or problem.get("title")
        except ValueError:
            detail = error.reason
        raise Refusal(f"the server refused ({error.code}): {detail}") from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
