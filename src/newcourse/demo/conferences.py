"""The demo's conference: the International's Congress 2027, called by its general secretary
a little before the membership freeze, which has now passed; the scheduler has fixed each
branch's delegates by the rulebook's rule, as it would have on the day. Glasgow branch's
secretary has since submitted the two motions its members' meetings carried (the rules allow
two a body). Edinburgh branch, given a secretary here, amends Glasgow's first motion, and
Glasgow accepts the amendment as friendly; Edinburgh brings two motions of its own. Manchester
branch, given a secretary the same way, brings a rule change (two terms in a post, not three)
and an amendment to the International's programme (a four-day week), both awaiting the
committee's ruling; conference decides them when it sits. The International's
elected standing orders committee, on which the demo's Glasgow member sits, rules Glasgow's
first motion admissible and one of Edinburgh's out of order, and composites the two motions on
safe staffing: Edinburgh has consented, and Glasgow's answer is left for the demo's Glasgow
secretary to give. The committee has published a first agenda (Glasgow's admissible motion
between the general secretary's report and an election), and the scheduler has printed its
papers.

The International's credentials committee is named to the congress. No delegate has a
credential yet: credentials are issued once the date for delegates has passed, and in the
demo's timetable the delegations are still being elected (that date is weeks away), so the
credentials report lists the delegations with nothing issued.

Glasgow's delegation is seated already (the demo's Glasgow member, by the office's founding act),
and, the trade-union rulebook making delegates mandated, Glasgow's secretary has recorded the
instructions its branch meeting voted on the items going forward: for its first motion, and
Edinburgh's amendment to it left to the delegates. The delegate reads them on the congress
page; the secretary gives more on Glasgow's page of instructions (the composite on safe
staffing, once Glasgow consents and it goes forward).

A Special Conference 2026 of the International is further on: its date for delegates passed
two weeks ago, each branch's delegate and alternate are seated (by the offices' founding acts,
where real ones are elected) and hold their credentials. Glasgow's delegate has since stood
down, through the branch secretary, and Glasgow's alternate, the demo's Glasgow member, holds
the seat with a credential of their own.

Congress 2027's dates allow no priorities ballot yet (it needs delegates with verified
credentials). The demo shows one on a third conference, in session: the International's
Special Congress on Pay, called a month ago, opened yesterday and sitting until tomorrow. Each
branch's delegate was seated and their credential verified (Glasgow's is the demo's Glasgow
secretary); Glasgow brought two motions and
Edinburgh one, all ruled admissible and on the agenda; when the congress opened, the standing
orders committee opened a priorities ballot on the three (two approvals each, two reach the
floor), the eight delegates voted, and the scheduler counted it at the close: the ballot's page
shows each topic's approvals, and the agenda marks the two priorities. Its floor is open today
(`newcourse.demo.floor`)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from newcourse.conferences import selectors, services
from newcourse.conferences.models import (
    Committee,
    CommitteeRole,
    Conference,
    Credential,
    Delegation,
    Motion,
    PrioritiesBallot,
)
from newcourse.conferences.services.agenda import Entry
from newcourse.demo.floor import floor_seed
from newcourse.offices import services as office_services
from newcourse.organisation.models import Body, Member
from newcourse.organisation.officers import Power
from newcourse.rules.models import RulesVersion
from newcourse.rules.services import text_with_parameters

DAY = datetime.timedelta(days=1)
GENERAL_SECRETARY = "secretary@international.example"
BRANCH_SECRETARY = "secretary@glasgow.example"
COMMITTEE_MEMBER = "member@glasgow.example"

# Glasgow's motions: each with its branch meeting (days ago) and that meeting's figures (for,
# against, abstaining), quorate by the trade-union model's 5% of the branch's members.
GLASGOW_MOTIONS = (
    (
        "A living wage across the sector",
        "Conference notes that inflation has outrun pay in every sector our members work "
        "in, and that a third of our members now work a second job to make ends meet.\n\n"
        "Conference believes that no national agreement should settle below the real living "
        "wage, and that sector bargaining is the way to lift the lowest paid together.\n\n"
        "Conference resolves to make a claim at or above the real living wage the union's "
        "first bargaining priority, to ballot members for action where employers refuse to "
        "bargain, and to report progress to every branch each quarter.",
        8,
        (17, 3, 2),
    ),
    (
        "Safe staffing and an end to lone working",
        "Conference notes the rise in assaults on members who work alone, on night shifts "
        "and in the community, and that most go unreported.\n\n"
        "Conference resolves to campaign for a safe staffing level in every workplace, to "
        "train a health and safety representative in every branch within a year, and to back "
        "any branch whose members refuse to work alone where a risk assessment shows danger.",
        4,
        (14, 5, 1),
    ),
)


def conferences_seed() -> None:
    international = Body.objects.get(slug="international")
    secretary = Member.objects.select_related("person").get(person__email=GENERAL_SECRETARY)
    today = timezone.localdate()
    freeze = today - 3 * DAY
    # A motions deadline a few weeks on, the congress itself in spring.
    offsets = (0, 28, 42, 70, 98, 119, 126, 128)
    dates = {
        name: freeze + offset * DAY
        for (name, _label), offset in zip(selectors.DEADLINES, offsets, strict=True)
    }
    called = timezone.now() - 10 * DAY
    congress = services.conference_call(
        person=secretary.person,
        member=secretary,
        body=international,
        title="Congress 2027",
        unit_kind="Branch",
        dates=dates,
        now=called,
    )
    services.conferences_tick()
    _motions_seed(congress)
    _amendments_seed(congress)
    _committee_seed(congress, secretary)
    _rule_change_seed(congress)
    _programme_seed(congress, secretary)
    _credentials_committee_seed(congress, secretary)
    _special_conference_seed(international, secretary)
    _mandates_seed(congress)
    _special_congress_seed(secretary)


def _motions_seed(congress: Conference) -> None:
    """Glasgow's secretary submits the motions its branch meetings carried, before the
    motions deadline (weeks away still)."""
    glasgow = Body.objects.get(slug="glasgow")
    secretary = Member.objects.select_related("person").get(person__email=BRANCH_SECRETARY)
    for motion in GLASGOW_MOTIONS:
        _motion_submitted(congress, glasgow, secretary, *motion)


def _motion_submitted(
    congress: Conference,
    body: Body,
    officer: Member,
    title: str,
    text: str,
    days_ago: int,
    figures: tuple[int, int, int],
) -> Motion:
    """`body`'s motion, carried at its meeting `days_ago` days ago by `figures` (for, against,
    abstaining) and submitted by `officer` the day after."""
    votes_for, votes_against, votes_abstain = figures
    return services.motion_submit(
        person=officer.person,
        member=officer,
        conference=congress,
        body=body,
        title=title,
        text=text,
        meeting_on=timezone.localdate() - days_ago * DAY,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        now=timezone.now() - (days_ago - 1) * DAY,
    )


# Edinburgh's amendment to Glasgow's first motion: progress reported monthly, not quarterly;
# carried at its branch meeting (days ago) by these figures (for, against, abstaining).
EDINBURGH_AMENDMENT = (
    ("to report progress to every branch each quarter.", "each month."),
    2,
    (11, 2, 0),
)


def _amendments_seed(congress: Conference) -> None:
    """Edinburgh gets a branch secretary (its longest-standing member, by number), who submits
    the amendment its branch meeting carried to Glasgow's first motion; Glasgow's secretary
    accepts it as friendly."""
    edinburgh = Body.objects.get(slug="edinburgh")
    officer = _branch_secretary_seated(edinburgh)
    motion = Motion.objects.get(conference=congress, number=1)
    (old, new), days_ago, (votes_for, votes_against, votes_abstain) = EDINBURGH_AMENDMENT
    amendment = services.amendment_submit(
        person=officer.person,
        member=officer,
        motion=motion,
        body=edinburgh,
        text=motion.text.replace(old, old.replace("each quarter.", new)),
        meeting_on=timezone.localdate() - days_ago * DAY,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        now=timezone.now() - (days_ago - 1) * DAY,
    )
    glasgow = Member.objects.select_related("person").get(person__email=BRANCH_SECRETARY)
    services.amendment_accept_as_friendly(
        person=glasgow.person, member=glasgow, amendment=amendment
    )


def _branch_secretary_seated(branch: Body) -> Member:
    """`branch` gets a branch secretary: its longest-standing member, by number, seated by the
    office's founding act a month ago."""
    office = office_services.office_create(
        actor="system:demo",
        body=branch,
        title="Branch secretary",
        powers=[Power.REGISTER, Power.OFFICES],
    )
    officer = (
        Member.objects.in_good_standing()
        .filter(body=branch)
        .select_related("person")
        .order_by("number")
        .first()
    )
    office_services.term_record_founding(
        actor="system:demo",
        office=office,
        members=[officer],
        began_on=timezone.localdate() - 30 * DAY,
    )
    return officer


# Manchester's rule change: two terms in a post, then back to the workplace; carried at its
# branch meeting (days ago) by these figures (for, against, abstaining).
MANCHESTER_RULE_CHANGE = (
    "Two terms, then back to the workplace",
    {"term.limit.post": "2"},
    5,
    (16, 7, 2),
)


# The International's programme as its founding congress adopted it.
PROGRAMME = (
    "# Programme of the New Course International\n\n"
    "## 1. Wages and hours\n\n"
    "1.1 A living wage for every worker, won by collective bargaining across each sector, "
    "never below the real cost of living.\n\n"
    "1.2 A shorter working week with no loss of pay.\n\n"
    "## 2. Safety at work\n\n"
    "2.1 No worker works alone where a risk assessment shows danger; a safety representative "
    "in every workplace.\n\n"
    "## 3. Housing\n\n"
    "3.1 Rents controlled in every city, and council homes built for all who need them.\n\n"
    "## 4. The union\n\n"
    "4.1 Every official elected, recallable, and paid no more than the members they serve.\n"
)

# Manchester's programme amendment: the shorter week made concrete.
MANCHESTER_PROGRAMME_AMENDMENT = (
    "A four-day week",
    (
        "1.2 A shorter working week with no loss of pay.",
        "1.2 A four-day, thirty-two hour week with no loss of pay, won sector by sector.",
    ),
    5,
    (18, 4, 3),
)


def _programme_seed(congress: Conference, secretary: Member) -> None:
    """The general secretary writes the International's programme as its founding congress
    adopted it; Manchester brings an amendment to it (its second motion, as the rules allow),
    awaiting the committee's ruling."""
    programme = services.programme_found(
        person=secretary.person,
        member=secretary,
        body=congress.body,
        text=PROGRAMME,
        now=timezone.now() - 90 * DAY,
    )
    manchester = Body.objects.get(slug="manchester")
    officer = Member.objects.select_related("person").get(
        terms__office__body=manchester, terms__office__title="Branch secretary"
    )
    title, (old, new), days_ago, (votes_for, votes_against, votes_abstain) = (
        MANCHESTER_PROGRAMME_AMENDMENT
    )
    services.motion_submit(
        person=officer.person,
        member=officer,
        conference=congress,
        body=manchester,
        title=title,
        text=programme.text.replace(old, new),
        meeting_on=timezone.localdate() - days_ago * DAY,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        amends_programme_version=programme.number,
        now=timezone.now() - (days_ago - 1) * DAY,
    )


def _rule_change_seed(congress: Conference) -> None:
    """Manchester's branch secretary brings a rule change to the congress: the rulebook as it
    stands with one limit changed, shown on the motion's page as what it changes; conference
    decides it when it sits, and carried it is the rulebook's next version."""
    manchester = Body.objects.get(slug="manchester")
    officer = _branch_secretary_seated(manchester)
    title, parameters, days_ago, (votes_for, votes_against, votes_abstain) = MANCHESTER_RULE_CHANGE
    rulebook = RulesVersion.objects.filter(body=congress.body).latest("number")
    services.motion_submit(
        person=officer.person,
        member=officer,
        conference=congress,
        body=manchester,
        title=title,
        text=text_with_parameters(body=congress.body, parameters=parameters),
        meeting_on=timezone.localdate() - days_ago * DAY,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        amends_version=rulebook.number,
        now=timezone.now() - (days_ago - 1) * DAY,
    )


# Edinburgh's own motions, each with its branch meeting (days ago) and that meeting's figures.
EDINBURGH_MOTIONS = (
    (
        "Safe staffing in home care",
        "Conference notes that home care workers visit clients alone, late at night, with no "
        "way to call for help.\n\n"
        "Conference resolves to campaign for a safe staffing level in every workplace, and "
        "for a lone worker alarm for every member who works in the community.",
        3,
        (12, 1, 0),
    ),
    (
        "Affiliation to a political party",
        "Conference resolves that the union affiliate to the party that best represents the "
        "interests of working people.",
        3,
        (9, 4, 1),
    ),
)

COMPOSITE_TEXT = (
    "Conference notes the rise in assaults on members who work alone, on night shifts and in "
    "the community, and that most go unreported.\n\n"
    "Conference notes that home care workers visit clients alone, late at night, with no way to "
    "call for help.\n\n"
    "Conference resolves to campaign for a safe staffing level in every workplace, to train a "
    "health and safety representative in every branch within a year, and to back any branch "
    "whose members refuse to work alone where a risk assessment shows danger.\n\n"
    "Conference further resolves to win a lone worker alarm for every member who works in the "
    "community, and asks the executive to report on both at the next conference."
)


def _committee_seed(congress: Conference, secretary: Member) -> None:
    """The International elects a standing orders committee of three (the demo's Glasgow member
    among them), which the general secretary names to the congress; Edinburgh brings its two
    motions; the committee rules on two motions and composites the two on safe staffing."""
    international = congress.body
    office = office_services.office_create(
        actor="system:demo",
        body=international,
        title="Standing Orders Committee",
        kind="committee",
        seats=3,
        powers=[],
    )
    chair = Member.objects.select_related("person").get(person__email=COMMITTEE_MEMBER)
    others = list(
        Member.objects.in_good_standing()
        .filter(person__email__endswith="@members.example")
        .exclude(body__slug="glasgow")
        .order_by("number")[:2]
    )
    office_services.term_record_founding(
        actor="system:demo",
        office=office,
        members=[chair, *others],
        began_on=timezone.localdate() - 60 * DAY,
    )
    services.committee_name(
        person=secretary.person,
        member=secretary,
        conference=congress,
        role=CommitteeRole.STANDING_ORDERS,
        office=office,
    )
    edinburgh = Body.objects.get(slug="edinburgh")
    officer = _edinburgh_secretary()
    staffing, affiliation = (
        _motion_submitted(congress, edinburgh, officer, *motion) for motion in EDINBURGH_MOTIONS
    )
    first, lone_working = Motion.objects.filter(conference=congress, number__in=[1, 2])
    services.ruling_make(
        person=chair.person,
        member=chair,
        conference=congress,
        kind="admissible",
        reason="Pay bargaining is the union's first object (rule 2.1).",
        motion=first,
    )
    services.ruling_make(
        person=chair.person,
        member=chair,
        conference=congress,
        kind="out-of-order",
        reason="Affiliation is decided by a ballot of all members, not by a motion to conference.",
        motion=affiliation,
    )
    composite = services.composite_draft(
        person=chair.person,
        member=chair,
        conference=congress,
        motions=[lone_working, staffing],
        title="Safe staffing and an end to lone working",
        text=COMPOSITE_TEXT,
    )
    services.composite_answer(
        person=officer.person,
        member=officer,
        composite=composite,
        motion=staffing,
        consents=True,
    )
    services.agenda_publish(
        person=chair.person,
        member=chair,
        conference=congress,
        entries=[
            Entry(kind="report", minutes=30, title="The general secretary's report"),
            Entry(kind="motion", minutes=25, motion=first),
            Entry(kind="election", minutes=20, title="Election of the president"),
        ],
    )
    services.conferences_tick()  # the scheduler prints the papers


def _edinburgh_secretary() -> Member:
    return Member.objects.select_related("person").get(
        terms__office__body__slug="edinburgh", terms__office__title="Branch secretary"
    )


def _credentials_committee_seed(congress: Conference, secretary: Member) -> None:
    """The International's credentials committee: three members, the longest-standing (by
    number) of the first three branches, seated by the office's founding act, named to the
    congress by the general secretary who called it."""
    office = office_services.office_create(
        actor="system:demo",
        body=congress.body,
        title="Credentials committee",
        kind="committee",
        seats=3,
        powers=[],
    )
    members = []
    for branch in Body.objects.filter(kind="Branch").order_by("path")[:3]:
        members.append(
            Member.objects.in_good_standing()
            .filter(body=branch, terms__isnull=True)
            .order_by("number")
            .first()
        )
    office_services.term_record_founding(
        actor="system:demo",
        office=office,
        members=[member for member in members if member is not None],
        began_on=timezone.localdate() - 30 * DAY,
    )
    services.committee_name(
        person=secretary.person,
        member=secretary,
        conference=congress,
        role="credentials",
        office=office,
    )


def _special_conference_seed(international: Body, secretary: Member) -> None:
    """A second conference, called forty days ago: its freeze five weeks ago, its date for
    delegates two weeks ago, the conference itself in two months. Each branch's delegate and
    alternate are seated on the date for delegates; the scheduler issued the delegates'
    credentials the day after; today Glasgow's secretary stood Glasgow's delegate down, and
    the demo's Glasgow member, Glasgow's alternate, took the seat."""
    today = timezone.localdate()
    freeze = today - 35 * DAY
    offsets = (0, 21, 40, 45, 50, 55, 60, 61)
    dates = {
        name: freeze + offset * DAY
        for (name, _label), offset in zip(selectors.DEADLINES, offsets, strict=True)
    }
    special = services.conference_call(
        person=secretary.person,
        member=secretary,
        body=international,
        title="Special Conference 2026",
        unit_kind="Branch",
        dates=dates,
        now=timezone.now() - 40 * DAY,
    )
    services.conferences_tick(now=_noon(freeze))  # the entitlement, fixed at the freeze
    glasgow_alternate = Member.objects.get(person__email=COMMITTEE_MEMBER)
    for delegation in Delegation.objects.filter(conference=special).select_related(
        "unit", "office", "alternates"
    ):
        free = (
            Member.objects.in_good_standing()
            .filter(body=delegation.unit, terms__isnull=True)
            .exclude(person__email__in=[BRANCH_SECRETARY, COMMITTEE_MEMBER])
            .order_by("number")
        )
        delegates = list(free[: delegation.office.seats])
        if delegation.unit.slug == "glasgow":
            alternates = [glasgow_alternate]
        else:
            alternates = list(free[len(delegates) : len(delegates) + delegation.office.seats])
        for office, members in (
            (delegation.office, delegates),
            (delegation.alternates, alternates),
        ):
            office_services.term_record_founding(
                actor="system:demo",
                office=office,
                members=members,
                began_on=special.delegates_by,
            )
    services.conferences_tick(now=_noon(special.delegates_by + DAY))  # the credentials
    branch_secretary = Member.objects.select_related("person").get(person__email=BRANCH_SECRETARY)
    given_up = Credential.objects.get(conference=special, delegation__unit__slug="glasgow")
    services.delegate_stand_down(
        person=branch_secretary.person,
        member=branch_secretary,
        credential=given_up,
        reason="Called away by a family emergency.",
    )


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


# Glasgow's branch meeting yesterday: each instruction, and that meeting's figures on it (for,
# against, abstaining), quorate by the trade-union model's 5% of the branch's members.
GLASGOW_INSTRUCTIONS = (("motion", "for", (19, 1, 2)), ("amendment", "left", (12, 6, 3)))


def _mandates_seed(congress: Conference) -> None:
    """Glasgow's delegation seated (the demo's Glasgow member, by the office's founding act,
    where a real one is elected by the date for delegates), and instructed by Glasgow's
    secretary on its first motion and Edinburgh's amendment to it."""
    glasgow = Body.objects.get(slug="glasgow")
    delegation = Delegation.objects.select_related("conference", "unit", "office").get(
        conference=congress, unit=glasgow
    )
    delegate = Member.objects.get(person__email=COMMITTEE_MEMBER)
    office_services.term_record_founding(
        actor="system:demo",
        office=delegation.office,
        members=[delegate],
        began_on=timezone.localdate() - DAY,
    )
    secretary = Member.objects.select_related("person").get(person__email=BRANCH_SECRETARY)
    first = Motion.objects.get(conference=congress, number=1)
    items = {"motion": first, "amendment": first.amendments.get(number=1)}
    for kind, vote, (votes_for, votes_against, votes_abstain) in GLASGOW_INSTRUCTIONS:
        services.instruction_give(
            person=secretary.person,
            member=secretary,
            delegation=delegation,
            vote=vote,
            meeting_on=timezone.localdate() - DAY,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            **{kind: items[kind]},
        )


# The special congress's motions: (branch, title, text); and each delegate's paper, branch by
# branch in the tree's order, as the motions' numbers it approves.
SPECIAL_MOTIONS = (
    (
        "glasgow",
        "Defend the right to strike",
        "Conference resolves to oppose every law that restricts the right to strike, and to "
        "support any branch whose members are disciplined for taking lawful action.",
    ),
    (
        "glasgow",
        "Organise the gig economy",
        "Conference resolves to recruit couriers and platform workers in every city where we "
        "have a branch, and to fund an organiser for them.",
    ),
    (
        "edinburgh",
        "Travel costs for shift workers",
        "Conference resolves to claim the cost of travel to work for members on night shifts, "
        "when no public transport runs.",
    ),
)
SPECIAL_PAPERS = ((1, 2), (1,), (1, 3), (2,), (1, 2), (3,), (1,), (2, 3))


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _special_congress_seed(secretary: Member) -> None:
    """The International's Special Congress on Pay, played day by day with the services as it
    ran over the last month: called, its delegates fixed at the freeze, seated and credited,
    three motions ruled admissible and on the agenda, then the priorities ballot opened at the
    congress, voted and counted by the scheduler at its close."""
    today = timezone.localdate()
    # In session: it opened yesterday and sits until tomorrow.
    offsets = (-29, -14, -13, -12, -11, -10, -1, 1)
    dates = {
        name: today + offset * DAY
        for (name, _label), offset in zip(selectors.DEADLINES, offsets, strict=True)
    }
    special = services.conference_call(
        person=secretary.person,
        member=secretary,
        body=Body.objects.get(slug="international"),
        title="Special Congress on Pay",
        unit_kind="Branch",
        dates=dates,
        now=_at(today - 30 * DAY, 10),
    )
    services.entitlement_fix(conference=special, now=_at(dates["freeze_on"], 1))
    special.refresh_from_db()
    chair = Member.objects.select_related("person").get(person__email=COMMITTEE_MEMBER)
    congress = Conference.objects.get(title="Congress 2027")
    for role in (CommitteeRole.STANDING_ORDERS, CommitteeRole.CREDENTIALS):
        services.committee_name(
            person=secretary.person,
            member=secretary,
            conference=special,
            role=role,
            office=Committee.objects.get(conference=congress, role=role).office,
            now=_at(today - 28 * DAY, 10),
        )
    _special_delegates_seed(special, dates["delegates_by"])
    officers = {
        "glasgow": Member.objects.select_related("person").get(person__email=BRANCH_SECRETARY),
        "edinburgh": _edinburgh_secretary(),
    }
    motions = []
    for slug, title, text in SPECIAL_MOTIONS:
        officer = officers[slug]
        motions.append(
            services.motion_submit(
                person=officer.person,
                member=officer,
                conference=special,
                body=Body.objects.get(slug=slug),
                title=title,
                text=text,
                meeting_on=today - 26 * DAY,
                votes_for=15,
                votes_against=2,
                votes_abstain=1,
                now=_at(today - 25 * DAY, 10),
            )
        )
    for motion in motions:
        services.ruling_make(
            person=chair.person,
            member=chair,
            conference=special,
            kind="admissible",
            reason="Within the congress's business: pay and conditions.",
            motion=motion,
            now=_at(today - 12 * DAY, 10),
        )
    services.agenda_publish(
        person=chair.person,
        member=chair,
        conference=special,
        entries=[Entry(kind="motion", minutes=30, motion=motion) for motion in motions],
        now=_at(today - 11 * DAY, 10),
    )
    _special_priorities_seed(special, chair)
    floor_seed(special, chair)


def _special_delegates_seed(special: Conference, delegates_by: datetime.date) -> None:
    """Each branch's delegate (its longest-standing member in good standing holding no office),
    seated by the delegation's founding act where a real one is elected; the scheduler issues
    their credentials the day after the date for delegates, and the credentials committee's
    chair verifies each."""
    glasgow = Member.objects.get(person__email=BRANCH_SECRETARY)
    for delegation in Delegation.objects.filter(conference=special).select_related("office"):
        delegate = (
            glasgow
            if delegation.unit_id == glasgow.body_id
            else Member.objects.in_good_standing()
            .filter(body=delegation.unit, terms__isnull=True)
            .order_by("number")
            .first()
        )
        if delegate is not None:
            office_services.term_record_founding(
                actor="system:demo",
                office=delegation.office,
                members=[delegate],
                began_on=delegates_by - 2 * DAY,
            )
    services.credentials_issue(conference=special, now=_at(delegates_by + DAY, 9))
    verifier = (
        Committee.objects.get(conference=special, role=CommitteeRole.CREDENTIALS)
        .office.terms.current()
        .select_related("member__person")
        .order_by("member__number")[0]
    )
    for credential in Credential.objects.filter(conference=special):
        services.credential_review(
            person=verifier.member.person,
            member=verifier.member,
            credential=credential,
            verified=True,
            now=_at(delegates_by + DAY, 11),
        )


def _special_priorities_seed(special: Conference, chair: Member) -> None:
    """On the congress's first morning the committee opens the priorities ballot until 1 pm;
    each delegate votes (`SPECIAL_PAPERS`), and the scheduler's tick at the close counts it."""
    opens = _at(special.opens_on, 9)
    ballot = services.priorities_open(
        person=chair.person,
        member=chair,
        conference=special,
        choices=2,
        priorities=2,
        closes_at=_at(special.opens_on, 13),
        now=opens,
    )
    topics = {topic.motion.number: topic.pk for topic in ballot.topics.select_related("motion")}
    delegates = (
        Credential.objects.filter(conference=special)
        .select_related("term__member__person")
        .order_by("delegation__unit__path")
    )
    for credential, paper in zip(delegates, SPECIAL_PAPERS, strict=False):
        member = credential.term.member
        services.priorities_vote(
            person=member.person,
            member=member,
            ballot=ballot,
            topics=[topics[number] for number in paper],
            now=opens + datetime.timedelta(hours=1),
        )
    services.conferences_tick(now=PrioritiesBallot.objects.get(pk=ballot.pk).closes_at)
