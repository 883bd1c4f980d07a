"""The demo's due process: the British Section's disputes panel (three members from the North
of England, so none from the accused's branch) and the International's, which hears appeals;
one case heard and dismissed, so closed, and one charge refused at filing because it cited
only the clause protecting tendencies. Through the real services, so each step is on the open
record and in the section's figures."""

from __future__ import annotations

import contextlib

from django.utils import timezone

from newcourse.discipline import services
from newcourse.discipline.models import Case
from newcourse.offices import services as office_services
from newcourse.organisation.models import Body, Member
from newcourse.refusals import InvalidInput

ACTOR = "system:demo"


def _panel(body: Body, title: str, members: list[Member]) -> None:
    office = office_services.office_create(
        actor=ACTOR, body=body, title=title, kind="panel", seats=len(members)
    )
    office_services.term_record_founding(actor=ACTOR, office=office, members=members)


def discipline_seed() -> Case:
    section = Body.objects.get(slug="british-section")
    root = section.parent
    assert root is not None  # noqa: S101 - the demo's section sits under the International
    north = list(
        Member.objects.in_good_standing()
        .filter(body__slug__in=["manchester", "leeds"])
        .order_by("pk")
    )
    french = list(
        Member.objects.in_good_standing()
        .filter(body__parent__parent__slug="section-francaise")
        .order_by("pk")
    )
    _panel(section, "Disputes panel", north[:3])
    _panel(root, "Appeals panel", french[:3])
    accused = Member.objects.in_good_standing().filter(body__slug="edinburgh").order_by("pk")[0]
    complainant = north[3]
    case = services.case_file(
        filed_by=complainant,
        accused=accused,
        body=section,
        clauses=["11.2"],
        facts="Spent the branch's strike fund on a banner without a vote of the branch.",
        evidence="The branch's accounts for March and the minutes of its April meeting.",
    )
    services.case_reply(
        case=case,
        accused=accused,
        statement="The April meeting voted the spending; the minutes were filed late.",
    )
    services.case_set_hearing(case=case, by=north[0], on=timezone.localdate())
    services.case_hold_hearing(
        case=case, by=north[0], notes="Both heard online; the late minutes show the vote."
    )
    services.case_decide(
        case=case,
        by=north[0],
        outcome="dismissed",
        reasons="The branch voted the spending at its April meeting; no rule was broken.",
        votes_for=north[:3],
    )
    # Refused, as it must be, and the refusal recorded.
    with contextlib.suppress(InvalidInput):
        services.case_file(
            filed_by=complainant,
            accused=accused,
            body=section,
            clauses=["10.1"],
            facts="Signed for a tendency.",
            evidence="Its list of signatories.",
        )
    return case
