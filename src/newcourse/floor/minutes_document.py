"""The minutes as a document: the same wording for every way they are read.

`minutes_document` words the assembled minutes (`selectors_minutes.Minutes`) once, in the active
language, as a short list of blocks — headings, paragraphs, tables — that `minutes_markdown`
writes as Markdown for the organisation's archive and the page and the PDF render as HTML
(`floor/_minutes.html`). So the three never say different things, and each sentence is
translated once. Both are pure functions of the minutes: no database, no request."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from newcourse.conferences.models import RulingKind

from .models import FloorVote, FloorVoter, Speaker
from .selectors_minutes import Act, DecisionMinute, ItemMinutes, Minutes, RulingMinute, VoteMinute


@dataclass(frozen=True)
class Span:
    """A run of text; `strong` for the words a reader looks for first (an outcome)."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class Block:
    """A heading (`level` 1 to 3), a paragraph, a bulleted list (`items`) or a table
    (`header` and `rows` of plain text)."""

    kind: str  # "heading", "paragraph", "list", "table"
    spans: tuple[Span, ...] = ()
    level: int = 0
    items: tuple[tuple[Span, ...], ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def _heading(level: int, text: str) -> Block:
    return Block("heading", (Span(text),), level=level)


def _paragraph(*spans: Span | str) -> Block:
    return Block("paragraph", tuple(Span(s) if isinstance(s, str) else s for s in spans))


def _time(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _item_name(kind: str, item: str) -> str:
    if kind == "motion":
        return _("Motion %(number)s") % {"number": item}
    if kind == "amendment":
        return _("Amendment %(number)s") % {"number": item}
    if kind == "composite":
        return _("Composite %(number)s") % {"number": item}
    return item


def _figures(votes_for: int, votes_against: int, votes_abstain: int, majority: str) -> str:
    # The agenda's own wording of a decision's figures.
    figures = _(
        "%(for)s for, %(against)s against, %(abstain)s abstentions (majority needed: %(majority)s)"
    ) % {
        "for": votes_for,
        "against": votes_against,
        "abstain": votes_abstain,
        "majority": majority or "simple",
    }
    return f"{figures}."


def _speech_detail(speech: Any) -> str:
    """ "against, 2:05": the side a speech took and how long it lasted."""
    stance = str(Speaker.Stance(speech.stance).label)
    if speech.seconds is None:
        return stance
    return f"{stance}, {speech.seconds // 60}:{speech.seconds % 60:02d}"


def _outcome(outcome: str) -> Span:
    return Span(capfirst(str(FloorVote.Outcome(outcome).label)), strong=True)


def _decision_blocks(decision: DecisionMinute, *, with_vote: bool) -> list[Block]:
    """A decision: on its own (entered by the committee) with its heading and figures, or
    after the vote on the floor that made it, whose figures are already given."""
    item = _item_name(decision.item_kind, decision.item)
    if with_vote:
        blocks = [_paragraph(_("Conference's decision:"), " ", _outcome(decision.outcome), ".")]
    else:
        blocks = [
            _heading(3, _("Decision on %(item)s") % {"item": item}),
            _paragraph(_("Recorded at %(time)s.") % {"time": _time(decision.recorded_at)}),
            _paragraph(
                _outcome(decision.outcome),
                ": ",
                _figures(
                    decision.votes_for,
                    decision.votes_against,
                    decision.votes_abstain,
                    decision.majority,
                ),
            ),
        ]
    if decision.amendments:
        blocks.append(
            _paragraph(
                _("Amendments carried first: %(numbers)s.")
                % {"numbers": ", ".join(a.number for a in decision.amendments)}
            )
        )
    if decision.rules_version is not None:
        blocks.append(
            _paragraph(
                _("It is version %(version)s of the rules.") % {"version": decision.rules_version}
            )
        )
    if decision.programme_version is not None:
        blocks.append(
            _paragraph(
                _("It is version %(version)s of the programme.")
                % {"version": decision.programme_version}
            )
        )
    if decision.not_applied:
        blocks.append(_paragraph(_("Not applied: %(reason)s") % {"reason": decision.not_applied}))
    return blocks


def _vote_title(vote: VoteMinute) -> str:
    """The question put: the item's own name when the chair put the item as it stands."""
    if vote.item_kind and vote.question == vote.item:
        return _item_name(vote.item_kind, vote.item)
    return vote.question


def _vote_blocks(vote: VoteMinute) -> list[Block]:
    kind = capfirst(str(FloorVote.Kind(vote.kind).label))
    opened = {"kind": kind, "opened": _time(vote.opened_at), "present": vote.present}
    blocks = [
        _heading(
            3,
            _("Vote %(number)s: %(question)s")
            % {"number": vote.number, "question": _vote_title(vote)},
        ),
    ]
    if vote.closed_at is None:
        blocks.append(
            _paragraph(
                _("%(kind)s; opened at %(opened)s, delegates present: %(present)s; still open.")
                % opened
            )
        )
        return blocks
    blocks.append(
        _paragraph(
            _(
                "%(kind)s; opened at %(opened)s, delegates present: %(present)s; closed at "
                "%(closed)s."
            )
            % {**opened, "closed": _time(vote.closed_at)}
        )
    )
    if vote.outcome == FloorVote.Outcome.RETAKEN:
        blocks.append(_paragraph(_outcome(vote.outcome), ": ", vote.reason))
        return blocks
    blocks.append(
        _paragraph(
            _outcome(vote.outcome),
            ": ",
            _figures(
                vote.votes_for or 0, vote.votes_against or 0, vote.votes_abstain or 0, vote.majority
            ),
        )
    )
    if vote.sections:
        blocks.append(
            Block(
                "table",
                header=(
                    pgettext("vote by sections", "Section"),
                    _("For"),
                    _("Against"),
                    _("Abstentions"),
                ),
                rows=tuple(
                    (s.name, str(s.votes_for), str(s.votes_against), str(s.votes_abstain))
                    for s in vote.sections
                ),
            )
        )
    if vote.kind in (FloorVote.Kind.OPEN, FloorVote.Kind.CARD):
        if vote.roll:
            blocks.append(_paragraph(_("How each delegate voted:")))
            blocks.append(
                Block(
                    "table",
                    header=(_("Delegate voting"), _("Delegation"), _("Their vote")),
                    rows=tuple(
                        (
                            f"{call.name} ({call.member})",
                            call.delegation,
                            str(FloorVoter.Choice(call.vote).label),
                        )
                        for call in vote.roll
                    ),
                )
            )
        else:
            blocks.append(_paragraph(_("No delegate voted.")))
    elif vote.kind == FloorVote.Kind.SECRET:
        blocks.append(_paragraph(_("A secret vote: no delegate's vote is recorded.")))
    if vote.decision is not None:
        blocks += _decision_blocks(vote.decision, with_vote=True)
    return blocks


def _ruling_blocks(ruling: RulingMinute) -> list[Block]:
    return [
        _heading(
            3,
            _("Ruling %(number)s: %(item)s")
            % {"number": ruling.number, "item": _item_name(ruling.item_kind, ruling.item)},
        ),
        _paragraph(
            Span(capfirst(str(RulingKind(ruling.kind).label)), strong=True),
            " ",
            _("(ruled at %(time)s).") % {"time": _time(ruling.ruled_at)},
        ),
        _paragraph(_("Reason: %(reason)s") % {"reason": ruling.reason}),
    ]


def _act_blocks(act: Act) -> list[Block]:
    if isinstance(act, VoteMinute):
        return _vote_blocks(act)
    if isinstance(act, RulingMinute):
        return _ruling_blocks(act)
    return _decision_blocks(act, with_vote=False)


def _item_blocks(item: ItemMinutes) -> list[Block]:
    if item.position is None:
        blocks = [_heading(2, _("Business with no item under debate"))]
    else:
        blocks = [
            _heading(
                2,
                _("Item %(position)s: %(title)s")
                % {"position": item.position, "title": item.title},
            )
        ]
    if item.taken_up_at is not None:
        blocks.append(_paragraph(_("Taken up at %(time)s.") % {"time": _time(item.taken_up_at)}))
    if item.position is not None:
        if item.speeches:
            blocks.append(_paragraph(_("Speakers:")))
            blocks.append(
                Block(
                    "list",
                    items=tuple(
                        (
                            Span(
                                (
                                    _("%(speaker)s, for %(whom)s")
                                    % {"speaker": s.speaker, "whom": s.on_behalf_of}
                                    if s.on_behalf_of
                                    else s.speaker
                                )
                                + (f" ({_speech_detail(s)})" if s.stance else "")
                            ),
                        )
                        for s in item.speeches
                    ),
                )
            )
        else:
            blocks.append(_paragraph(_("Speakers: none recorded.")))
    for act in item.acts:
        blocks += _act_blocks(act)
    return blocks


def minutes_document(minutes: Minutes) -> tuple[Block, ...]:
    """The minutes worded in the active language, block by block."""
    blocks = [
        _heading(1, _("Minutes of %(conference)s") % {"conference": minutes.title}),
        _paragraph(
            _("%(body)s, from %(opens)s to %(closes)s.")
            % {
                "body": minutes.body,
                "opens": minutes.opens_on.isoformat(),
                "closes": minutes.closes_on.isoformat(),
            }
        ),
    ]
    if minutes.floor_opened_at is None:
        blocks.append(_paragraph(_("The floor has not opened.")))
    else:
        blocks.append(
            _paragraph(
                _("The floor opened at %(time)s.") % {"time": _time(minutes.floor_opened_at)},
                " ",
                _(
                    "Delegates who checked in: %(attended)s of the %(credentialed)s credentialed "
                    "(%(online)s online)."
                )
                % {
                    "attended": minutes.attended,
                    "credentialed": minutes.credentialed,
                    "online": minutes.online,
                },
            )
        )
    if minutes.before:
        blocks.append(_heading(2, _("Before the floor opened")))
        for act in minutes.before:
            blocks += _act_blocks(act)
    for item in minutes.items:
        blocks += _item_blocks(item)
    return tuple(blocks)


# Markdown ---------------------------------------------------------------------------------

# What Markdown would read as markup in someone's words (a question, a title, a reason).
_MARKUP = re.compile(r"([\\`*_\[\]<>|#~])")
# What would open a list or a quote at the start of a block.
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+>=])")


def _escaped(text: str) -> str:
    return _MARKUP.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _spans(spans: tuple[Span, ...]) -> str:
    line = "".join(f"**{_escaped(s.text)}**" if s.strong else _escaped(s.text) for s in spans)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line, count=1)


def _markdown_block(block: Block) -> str:
    if block.kind == "heading":
        return f"{'#' * block.level} {_escaped(block.text)}"
    if block.kind == "list":
        return "\n".join(f"- {_spans(item)}" for item in block.items)
    if block.kind == "table":
        lines = [
            "| " + " | ".join(_escaped(cell) for cell in block.header) + " |",
            "|" + "|".join(" --- " for _cell in block.header) + "|",
        ]
        lines += ["| " + " | ".join(_escaped(cell) for cell in row) + " |" for row in block.rows]
        return "\n".join(lines)
    return _spans(block.spans)


def minutes_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown (CommonMark, with GitHub's tables for the rolls), in the
    active language: for the organisation's archive, and whose hash tells the scheduler the
    minutes changed."""
    return "\n\n".join(_markdown_block(block) for block in minutes_document(minutes)) + "\n"
