"""Ballots as JSON (`newcourse-ballots/1`).

    {
      "format": "newcourse-ballots/1",
      "title": "Committee 2025",
      "seats": 2,
      "candidates": ["Ann Apple", "Bob Banana", "Cat Cherry"],
      "withdrawn": ["Cat Cherry"],
      "ballots": [
        {"weight": 12, "ranking": ["Ann Apple", "Bob Banana"]},
        {"weight": 3, "ranking": [["Bob Banana", "Cat Cherry"], "Ann Apple"]}
      ]
    }

A ranking lists names in order of preference; a list inside it is an equal ranking. `weight`
defaults to 1, `title` to "", `withdrawn` to none. A ballot may give candidate numbers
(0-based, in the order of `candidates`) instead of names.
"""

from __future__ import annotations

import json
import os
from typing import IO, Any

from ._errors import BallotFileError
from ._model import Ballot, Election

FORMAT = "newcourse-ballots/1"


def read_json(source: str | os.PathLike[str] | IO[Any]) -> Election:
    """Read a `newcourse-ballots/1` JSON file (a path or an open stream)."""
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        try:
            with open(source, "rb") as f:
                raw = f.read()
        except OSError as e:
            raise BallotFileError(e.strerror or str(e), path=path) from None
    else:
        name = getattr(source, "name", None)
        path = name if isinstance(name, str) else "<stream>"
        raw = source.read()
    try:
        # Strictly, so the bytes of a lone surrogate are refused too (json.loads decodes bytes
        # with `surrogatepass`).
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise BallotFileError("not UTF-8 text", path=path) from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise BallotFileError("JSON nested too deeply", path=path) from None
    except json.JSONDecodeError as e:
        raise BallotFileError(f"not valid JSON: {e.msg}", path=path, line=e.lineno) from None
    return election_from_json(data, path=path)


def election_from_json(data: Any, *, path: str = "<json>") -> Election:
    """Build an `Election` from parsed `newcourse-ballots/1` data."""

    def bad(problem: str) -> BallotFileError:
        return BallotFileError(problem, path=path)

    if not isinstance(data, dict):
        raise bad("expected a JSON object")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise bad(f"unknown format {fmt!r} (expected {FORMAT!r})")
    names = data.get("candidates")
    if not isinstance(names, list) or not names or not all(isinstance(x, str) for x in names):
        raise bad("'candidates' must be a non-empty list of names")
    if len(set(names)) != len(names):
        raise bad("two candidates have the same name")
    title = data.get("title", "")
    if not all(_is_text(x) for x in [*names, title if isinstance(title, str) else ""]):
        raise bad("a name or the title holds a lone surrogate, which is not text")
    index = {n: i for i, n in enumerate(names)}
    seats = data.get("seats", 1)
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise bad(f"'seats' must be a positive whole number, not {seats!r}")
    withdrawn_raw = data.get("withdrawn", [])
    if not isinstance(withdrawn_raw, list):
        raise bad("'withdrawn' must be a list of names")

    def cand(x: Any, k: int) -> int:
        if isinstance(x, str) and x in index:
            return index[x]
        if isinstance(x, int) and not isinstance(x, bool) and 0 <= x < len(names):
            return x
        raise bad(f"ballot {k + 1}: {x!r} names no candidate")

    withdrawn = frozenset(cand(x, -1) for x in withdrawn_raw)
    if seats > len(names) - len(withdrawn):
        raise bad(f"more seats ({seats}) than standing candidates ({len(names) - len(withdrawn)})")
    ballots_raw = data.get("ballots")
    if not isinstance(ballots_raw, list):
        raise bad("'ballots' must be a list")
    grouped: dict[tuple[tuple[int, ...], ...], int] = {}
    for k, b in enumerate(ballots_raw):
        if isinstance(b, list):
            b = {"ranking": b}
        if not isinstance(b, dict):
            raise bad(f"ballot {k + 1}: expected an object")
        w = b.get("weight", 1)
        if isinstance(w, bool) or not isinstance(w, int) or w <= 0:
            raise bad(f"ballot {k + 1}: weight {w!r} is not a positive whole number")
        ranking_raw = b.get("ranking")
        if not isinstance(ranking_raw, list):
            raise bad(f"ballot {k + 1}: 'ranking' must be a list")
        seen: set[int] = set()
        ranking: list[tuple[int, ...]] = []
        for entry in ranking_raw:
            members = entry if isinstance(entry, list) else [entry]
            group = []
            for x in members:
                c = cand(x, k)
                if c not in seen:
                    seen.add(c)
                    group.append(c)
            if group:
                ranking.append(tuple(group))
        key = tuple(ranking)
        grouped[key] = grouped.get(key, 0) + w
    if not grouped:
        raise bad("the election is empty: no ballots")
    return Election(
        tuple(names),
        seats,
        tuple(Ballot(r, w) for r, w in grouped.items()),
        withdrawn,
        title if isinstance(title, str) else str(title),
    )


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def election_to_json(election: Election) -> dict[str, Any]:
    """The election as `newcourse-ballots/1` data."""
    names = election.candidates
    return {
        "format": FORMAT,
        "title": election.title,
        "seats": election.seats,
        "candidates": list(names),
        "withdrawn": [names[c] for c in sorted(election.withdrawn)],
        "ballots": [
            {
                "weight": b.weight,
                "ranking": [
                    names[g[0]] if len(g) == 1 else [names[c] for c in g] for g in b.ranking
                ],
            }
            for b in election.ballots
        ],
    }


def write_json(election: Election, path: str | os.PathLike[str] | IO[str]) -> None:
    """Write `election` as `newcourse-ballots/1` JSON (a path, or an open text stream)."""
    text = json.dumps(election_to_json(election), ensure_ascii=False, indent=1) + "\n"
    if isinstance(path, str | os.PathLike):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write(text)
