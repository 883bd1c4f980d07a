"""Printing a report: text (a returning officer's stage table), CSV and versioned JSON.

The JSON format `newcourse-count/1` is documented in docs/counting.md. Figures are decimal
strings with the method's precision (`"1914.00000"` for Scottish STV, `"2951"` for IRV); a
candidate who is out of the count (excluded at an earlier stage, or withdrawn) is `null`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from ._errors import CountingError
from ._report import Report, Stage, TieBreak

FORMAT = "newcourse-count/1"

_ACTION_WORDS = {
    "first": "First preferences",
    "surplus": "Surplus of",
    "exclusion": "Exclusion of",
    "elimination": "Elimination of",
}


def figure(units: int | None, precision: int) -> str | None:
    """`units` (in 10**-precision) as a decimal string; None stays None."""
    if units is None:
        return None
    if precision == 0:
        return str(units)
    sign = "-" if units < 0 else ""
    q, r = divmod(abs(units), 10**precision)
    return f"{sign}{q}.{r:0{precision}d}"


def parse_figure(text: str | int | None, precision: int) -> int | None:
    """The inverse of `figure`: a decimal string to integer units (exact)."""
    if text is None:
        return None
    if isinstance(text, int):
        return text * int(10**precision)
    s = text.strip()
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    whole, _, frac = s.partition(".")
    if len(frac) > precision or not (whole or frac) or not (whole + frac).isdigit():
        raise CountingError(f"bad figure {text!r} for precision {precision}")
    scale: int = 10**precision
    units = int(whole or "0") * scale + int((frac or "0").ljust(precision, "0"))
    return -units if neg else units


def _names(report: Report, cands: Sequence[int]) -> list[str]:
    return [report.candidates[c] for c in cands]


def action_text(report: Report, stage: Stage) -> str:
    words = _ACTION_WORDS.get(stage.action, stage.action)
    if stage.action == "first":
        return words
    return f"{words} {', '.join(_names(report, stage.action_candidates))}"


# --------------------------------------------------------------------------- JSON


SEED_FROM = {
    "ballots": " (SHA-256 of the ballot box, docs/counting.md)",
    "ballots+board": " (SHA-256 of the board's final hash and the totals, docs/counting.md)",
}


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict in the `newcourse-count/1` format."""
    p = report.precision
    out: dict[str, Any] = {
        "format": FORMAT,
        "method": report.method,
        "title": report.title,
        "seats": report.seats,
        "candidates": list(report.candidates),
        "precision": p,
        "quota": figure(report.quota, p),
        "seed": report.seed,
        "seed_from": report.seed_from,
        "elected": _names(report, report.elected),
        "excluded": _names(report, report.excluded),
        "tie_breaks": [
            {
                "stage": t.stage,
                "between": _names(report, t.between),
                "chosen": report.candidates[t.chosen],
                "rule": t.rule,
                "purpose": t.purpose,
            }
            for t in report.tie_breaks
        ],
        "stages": [
            {
                "stage": s.number,
                "action": {"type": s.action, "candidates": _names(report, s.action_candidates)},
                "votes": {report.candidates[c]: figure(v, p) for c, v in enumerate(s.votes)},
                "non_transferable": figure(s.non_transferable, p),
                "elected": _names(report, s.elected),
                "excluded": _names(report, s.excluded),
                **({"note": s.note} if s.note else {}),
            }
            for s in report.stages
        ],
    }
    if report.details:
        out["details"] = report.details
    return out


def report_from_json(data: dict[str, Any]) -> Report:
    """Rebuild a `Report` from `report_to_json` output."""
    if data.get("format") != FORMAT:
        raise CountingError(f"not a {FORMAT} report (format is {data.get('format')!r})")
    names = tuple(data["candidates"])
    index = {n: i for i, n in enumerate(names)}
    p = int(data["precision"])

    def ids(xs: Sequence[str]) -> tuple[int, ...]:
        return tuple(index[x] for x in xs)

    report = Report(
        method=data["method"],
        candidates=names,
        seats=int(data["seats"]),
        precision=p,
        elected=list(ids(data["elected"])),
        excluded=list(ids(data["excluded"])),
        quota=parse_figure(data.get("quota"), p),
        seed=data.get("seed"),
        seed_from=data.get("seed_from"),
        title=data.get("title", ""),
        details=dict(data.get("details", {})),
    )
    for t in data.get("tie_breaks", []):
        report.tie_breaks.append(
            TieBreak(t["stage"], ids(t["between"]), index[t["chosen"]], t["rule"], t["purpose"])
        )
    for s in data["stages"]:
        report.stages.append(
            Stage(
                number=s["stage"],
                action=s["action"]["type"],
                action_candidates=ids(s["action"]["candidates"]),
                votes=tuple(parse_figure(s["votes"].get(n), p) for n in names),
                non_transferable=parse_figure(s["non_transferable"], p) or 0,
                elected=ids(s["elected"]),
                excluded=ids(s["excluded"]),
                note=s.get("note", ""),
            )
        )
    return report


# --------------------------------------------------------------------------- CSV


def report_to_csv(report: Report) -> str:
    """One row per stage: stage, action, its candidates, each candidate's total, the
    non-transferable votes, who was elected and who was excluded at that stage."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    p = report.precision
    w.writerow(
        [
            "stage",
            "action",
            "action_candidates",
            *report.candidates,
            "non_transferable",
            "elected",
            "excluded",
        ]
    )
    for s in report.stages:
        w.writerow(
            [
                s.number,
                s.action,
                "; ".join(_names(report, s.action_candidates)),
                *("" if v is None else figure(v, p) for v in s.votes),
                figure(s.non_transferable, p),
                "; ".join(_names(report, s.elected)),
                "; ".join(_names(report, s.excluded)),
            ]
        )
    return out.getvalue()


# --------------------------------------------------------------------------- text

_METHOD_TITLES = {
    "scottish-stv": "Scottish STV (SSI 2007/42 and 2011/399, schedule 1)",
    "meek": "Meek STV (New Zealand rules)",
    "ers97": "STV, ERS97 rules",
    "irv": "Instant-runoff vote",
}


def report_to_text(report: Report, *, width: int = 100) -> str:
    """A stage-by-stage table: candidates down the side, one column per stage."""
    p = report.precision
    lines: list[str] = []
    title = _METHOD_TITLES.get(report.method, report.method)
    if report.title:
        lines.append(report.title)
    lines.append(f"Method: {title}")
    lines.append(f"Seats: {report.seats}")
    valid = report.details.get("valid_ballots") if report.details else None
    if valid is not None:
        lines.append(f"Valid ballots: {valid}")
    if report.quota is not None:
        lines.append(f"Quota: {figure(report.quota, p)}")
    if report.seed is not None:
        lines.append(f"Seed for any lot: {report.seed}{SEED_FROM.get(report.seed_from or '', '')}")
    lines.append("")

    if report.stages:
        name_w = max(len(n) for n in [*report.candidates, "Non-transferable", "Total"]) + 2
        cols: list[list[str]] = []
        for s in report.stages:
            col = [f"Stage {s.number}"]
            col.append(
                "First prefs"
                if s.action == "first"
                else {
                    "surplus": "Surplus",
                    "exclusion": "Exclusion",
                    "elimination": "Elimination",
                }.get(s.action, s.action)
            )
            for c, v in enumerate(s.votes):
                mark = ""
                if c in s.elected:
                    mark = "*"
                elif c in s.excluded:
                    mark = "x"
                col.append(("-" if v is None else figure(v, p) or "") + (mark or " "))
            col.append((figure(s.non_transferable, p) or "") + " ")
            total = sum(v for v in s.votes if v is not None) + s.non_transferable
            col.append((figure(total, p) or "") + " ")
            cols.append(col)
        col_w = max(len(x) for col in cols for x in col) + 2
        per_block = max(1, (width - name_w) // col_w)
        row_names = ["", "", *report.candidates, "Non-transferable", "Total"]
        for start in range(0, len(cols), per_block):
            block = cols[start : start + per_block]
            for r, rn in enumerate(row_names):
                cells = "".join(col[r].rjust(col_w) for col in block)
                lines.append(rn.ljust(name_w) + cells)
            lines.append("")
        lines.append("Stages:")
        for s in report.stages:
            text = f"  {s.number}. {action_text(report, s)}"
            if s.elected:
                text += f"; elected: {', '.join(_names(report, s.elected))}"
            if s.note:
                text += f" ({s.note})"
            lines.append(text)
        lines.append("  (* elected at this stage, x excluded at this stage, - out of the count)")
        lines.append("")
    if report.tie_breaks:
        lines.append("Ties:")
        for t in report.tie_breaks:
            how = "by lot" if t.rule == "lot" else f"by {t.rule.replace('-', ' ')}"
            lines.append(
                f"  stage {t.stage}, {t.purpose}: {', '.join(_names(report, t.between))} tied; "
                f"{report.candidates[t.chosen]} chosen {how}"
            )
        lines.append("")
    lines.append("Elected: " + (", ".join(_names(report, report.elected)) or "nobody"))
    return "\n".join(lines) + "\n"
