"""A declared result shaped for its page: the stage table and the chart of the stages.

The chart is plain SVG-free HTML bars sized in percent, so it needs no script, scales to a
phone, and reads aloud sensibly (each bar carries its figure as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .models import Election


@dataclass(frozen=True)
class Bar:
    candidate: str
    votes: Decimal | None
    change: Decimal | None
    width: float
    state: str  # "elected", "excluded", "continuing"


@dataclass(frozen=True)
class StageView:
    number: int
    action: str
    action_candidates: list[str]
    bars: list[Bar]
    non_transferable: Decimal
    elected: list[str]
    excluded: list[str]


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def result_view(election: Election) -> dict[str, Any] | None:
    result = election.result
    if not result:
        return None
    if result.get("method") == "recall":
        total = result["yes"] + result["no"]
        return {
            "recall": True,
            "yes": result["yes"],
            "no": result["no"],
            "yes_width": 100 * result["yes"] / total if total else 0,
            "no_width": 100 * result["no"] / total if total else 0,
            "carried": result["carried"],
            "reason": result.get("reason", ""),
        }
    stages = result.get("stages", [])
    quota = _decimal(result.get("quota"))
    peak = max(
        [quota or Decimal(0)]
        + [_decimal(v) or Decimal(0) for stage in stages for v in stage["votes"].values()]
    ) or Decimal(1)
    views: list[StageView] = []
    elected: set[str] = set()
    excluded: set[str] = set()
    previous: dict[str, Decimal | None] = {}
    for stage in stages:
        elected.update(stage.get("elected", []))
        excluded.update(stage.get("excluded", []))
        bars = []
        for name, raw in stage["votes"].items():
            votes = _decimal(raw)
            before = previous.get(name)
            change = votes - before if votes is not None and before is not None else None
            state = (
                "elected" if name in elected else "excluded" if name in excluded else ("continuing")
            )
            width = float(votes / peak * 100) if votes is not None else 0.0
            bars.append(Bar(name, votes, change, width, state))
            previous[name] = votes
        views.append(
            StageView(
                number=stage["stage"],
                action=stage["action"]["type"],
                action_candidates=stage["action"]["candidates"],
                bars=bars,
                non_transferable=_decimal(stage.get("non_transferable")) or Decimal(0),
                elected=stage.get("elected", []),
                excluded=stage.get("excluded", []),
            )
        )
    return {
        "recall": False,
        "method": result.get("method"),
        "quota": quota,
        "quota_width": float(quota / peak * 100) if quota else None,
        "elected": result.get("elected", []),
        "stages": views,
        "candidates": result.get("candidates", []),
        "tie_breaks": result.get("tie_breaks", []),
        "seed": result.get("seed"),
        "seed_from": result.get("seed_from"),
    }
