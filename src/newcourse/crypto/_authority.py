"""The credential authority's work, on the authority's own machine: from the electors list the
server gives it, one code per elector (delivered to the member by letter or by email sent
from this machine) and the public file of credential keys the server is given instead.

The server never sees a code, and the authority cannot vote with one: the server takes a
ballot signed with a member's credential only from that member's own session
(docs/verifiable-ballots.md, "The credential authority").

    electors file (newcourse-electors/1, from the server):
        {"format", "election_id", "title",
         "electors": [{"number", "name", "email", "weight", "issued"}…]}
    public file (newcourse-public-credentials/1, to the server):
        {"format", "election_id", "credentials": [{"number", "key", "weight"}…]}

`issued` marks electors who already hold a credential of this election (uploaded earlier):
they get no second one, so the authority can issue to members who became electors later.
"""

from __future__ import annotations

import csv
import io
import smtplib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Final

from ._credentials import credential_issue
from ._errors import InvalidEncoding

ELECTORS_FORMAT: Final = "newcourse-electors/1"
PUBLIC_CREDENTIALS_FORMAT: Final = "newcourse-public-credentials/1"


@dataclass(frozen=True)
class CredentialElector:
    """One elector as the electors file names them: who to issue a code to and deliver it."""

    number: str
    name: str
    email: str
    weight: int = 1
    issued: bool = False


@dataclass(frozen=True)
class ElectorsList:
    """The electors file of one election."""

    election_id: str
    title: str
    electors: tuple[CredentialElector, ...]

    @classmethod
    def from_json(cls, data: Any) -> ElectorsList:
        """Read an electors file, refusing anything else (InvalidEncoding)."""
        if not isinstance(data, dict) or data.get("format") != ELECTORS_FORMAT:
            raise InvalidEncoding(f"not an electors file (format {ELECTORS_FORMAT})")
        try:
            electors = tuple(
                CredentialElector(
                    str(e["number"]),
                    str(e["name"]),
                    str(e.get("email") or ""),
                    int(e.get("weight", 1)),
                    bool(e.get("issued", False)),
                )
                for e in data["electors"]
            )
            return cls(str(data["election_id"]), str(data.get("title", "")), electors)
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidEncoding(f"malformed electors file: {error!r}") from None


@dataclass(frozen=True)
class CredentialLetter:
    """What one member is sent: their code. Kept on the authority's machine only until it is
    delivered."""

    number: str
    name: str
    email: str
    code: str


def credentials_generate(
    electors: ElectorsList,
) -> tuple[dict[str, Any], list[CredentialLetter]]:
    """A code for every elector not yet issued one: the public file to upload (member number,
    key, weight; no code) and the letters to deliver (the codes; never uploaded)."""
    public = []
    letters = []
    for elector in electors.electors:
        if elector.issued:
            continue
        code, credential = credential_issue(electors.election_id, elector.weight)
        public.append(
            {"number": elector.number, "key": credential.key.hex(), "weight": credential.weight}
        )
        letters.append(CredentialLetter(elector.number, elector.name, elector.email, code))
    document = {
        "format": PUBLIC_CREDENTIALS_FORMAT,
        "election_id": electors.election_id,
        "credentials": public,
    }
    return document, letters


def letters_csv(letters: Iterable[CredentialLetter]) -> str:
    """The letters as CSV (number, name, email, code), for a mail merge or printing. Cells
    that a spreadsheet would run as a formula are prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["number", "name", "email", "code"])
    for letter in letters:
        writer.writerow(
            [_cell(letter.number), _cell(letter.name), _cell(letter.email), letter.code]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def letter_text(title: str, election_id: str, letter: CredentialLetter) -> str:
    """One member's letter (or email body), in plain text."""
    return (
        f"Dear {letter.name},\n\n"
        f"Your voting code for {title} (election {election_id}) is:\n\n"
        f"    {letter.code}\n\n"
        "Type it on the voting page when you vote, logged in as yourself: it works only from "
        "your own login, and only in this election. Keep it to yourself. You may vote again "
        "with it until voting closes; your last ballot counts. Note the ballot tracker the "
        "page shows you, to check later that your ballot is on the public board.\n\n"
        "The credential authority\n"
    )


def letters_text(title: str, election_id: str, letters: Sequence[CredentialLetter]) -> str:
    """Every letter, one after another, separated by form feeds (one page each printed)."""
    return "\f".join(letter_text(title, election_id, letter) for letter in letters)


Send = Callable[[EmailMessage], None]


def letters_email(
    letters: Iterable[CredentialLetter],
    *,
    title: str,
    election_id: str,
    sender: str,
    send: Send,
) -> list[CredentialLetter]:
    """Email each letter that has an address through `send`; returns those that could not be
    emailed (no address, or refused by the mail server), to print instead."""
    left = []
    for letter in letters:
        if not letter.email:
            left.append(letter)
            continue
        message = EmailMessage()
        message["Subject"] = f"Your voting code: {title}"
        message["From"] = sender
        message["To"] = letter.email
        message.set_content(letter_text(title, election_id, letter))
        try:
            send(message)
        except (smtplib.SMTPException, OSError):
            left.append(letter)
    return left


def smtp_send(
    host: str, port: int, *, user: str = "", password: str = "", starttls: bool = True
) -> tuple[Send, Callable[[], None]]:
    """A sender through one SMTP connection from this machine, and the function closing it."""
    server = smtplib.SMTP(host, port, timeout=30)
    if starttls:
        server.starttls()
    if user:
        server.login(user, password)

    def send(message: EmailMessage) -> None:
        server.send_message(message)

    def close() -> None:
        server.quit()

    return send, close
