"""What a conference's pages, API and scheduler read: its units, their members, the rule the
rulebook states, and the entitlement (fixed, or as the register stands before the freeze); its
motions and amendments; the standing orders committee's rulings and composites; the delegates'
credentials."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newcourse import apportionment
from newcourse.documents import (
    Hunk,
    Line,
    Run,
    block_origins,
    changed_runs,
    diff_documents,
    parse_document,
)
from newcourse.offices.models import Office, Term
from newcourse.organisation.models import Body, Member
from newcourse.rules.selectors import Rules, rules_for, rules_recorded, text_lines

from .models import (
    AgendaItem,
    Amendment,
    Challenge,
    Composite,
    Conference,
    Consent,
    Credential,
    CredentialStatus,
    Decision,
    Delegation,
    Entitlement,
    Motion,
    Papers,
    PrioritiesBallot,
    PrioritiesElector,
    PrioritiesTopic,
    ProgrammeVersion,
    Ruling,
    RulingKind,
)


def units_of(conference: Conference) -> list[Body]:
    """The bodies that send delegates: those of the conference's level within its body, or,
    with no level named, those with no body below them."""
    below = Body.objects.filter(path__startswith=conference.body.path).exclude(
        pk=conference.body_id
    )
    if conference.unit_kind:
        return sorted(below.filter(kind__iexact=conference.unit_kind), key=Body.path_ids)
    parents = set(below.exclude(parent=None).values_list("parent_id", flat=True))
    return sorted((body for body in below if body.pk not in parents), key=Body.path_ids)


def members_by_unit(units: list[Body], joined_by: datetime.date | None = None) -> dict[int, int]:
    """Members in good standing in each unit and the bodies below it (who had joined by
    `joined_by`, when given): one counting query."""
    wanted = {unit.pk for unit in units}
    members = Member.objects.in_good_standing()
    if joined_by is not None:
        members = members.filter(joined_on__lte=joined_by)
    by_body = dict(
        members.values_list("body_id").annotate(n=Count("pk")).values_list("body_id", "n")
    )
    paths = dict(Body.objects.filter(pk__in=by_body).values_list("pk", "path"))
    counted: Counter[int] = Counter()
    for body_id, n in by_body.items():
        for part in paths[body_id].strip("/").split("/"):
            if int(part) in wanted:
                counted[int(part)] += n
    return {pk: counted[pk] for pk in wanted}


def entitlement_rule(rules: Rules) -> apportionment.PerMembers:
    """The rulebook's rule: one delegate per `delegates.members_per_delegate` members, rounded
    as `delegates.rounding` says, at least `delegates.minimum`."""
    return apportionment.PerMembers(
        per=rules["delegates.members_per_delegate"],
        rounding=rules["delegates.rounding"],
        minimum=rules["delegates.minimum"],
    )


def rule_in_words(rule: apportionment.PerMembers) -> str:
    rounding = {
        "up": _("or part thereof"),
        "nearest": _("rounded to the nearest"),
        "down": _("rounded down"),
    }[rule.rounding]
    return _("one delegate per %(per)s members, %(rounding)s, at least %(minimum)s") % {
        "per": rule.per,
        "rounding": rounding,
        "minimum": rule.minimum,
    }


@dataclass(frozen=True)
class Row:
    unit: Body
    members: int
    seats: int
    arithmetic: str


@dataclass(frozen=True)
class Table:
    """A conference's entitlement: fixed at the freeze, or as the register stands today."""

    rows: list[Row]
    rule: str
    rulebook_version: int
    fixed: bool

    @property
    def total(self) -> int:
        return sum(row.seats for row in self.rows)

    @property
    def members(self) -> int:
        return sum(row.members for row in self.rows)


def arithmetic_of(allotment: apportionment.Allotment, rule: apportionment.PerMembers) -> str:
    if allotment.members == 0:
        return _("no members, no delegate")
    return f"{allotment.members} / {rule.per}, {allotment.rounding} → {allotment.seats}"


def entitlement_computed(
    conference: Conference, rules: Rules
) -> tuple[apportionment.PerMembers, list[Row]]:
    """The entitlement of each unit from the register as it stands now, counting only those
    who had joined by the freeze (a late tick never counts members who joined after it)."""
    units = units_of(conference)
    rule = entitlement_rule(rules)
    if not units:
        return rule, []
    counts = members_by_unit(units, joined_by=conference.freeze_on)
    table = apportionment.entitlement({unit.slug: counts[unit.pk] for unit in units}, rule)
    by_slug = {allotment.branch: allotment for allotment in table.rows}
    return rule, [
        Row(
            unit, counts[unit.pk], by_slug[unit.slug].seats, arithmetic_of(by_slug[unit.slug], rule)
        )
        for unit in units
    ]


def entitlement_table(conference: Conference, today: datetime.date | None = None) -> Table:
    """The fixed entitlement once the freeze has passed and the scheduler fixed it; before,
    what the register gives today under the rules in force (marked as not fixed)."""
    if conference.entitled_at is not None:
        rules = rules_recorded(
            conference.body,
            rulebook_version=conference.rulebook_version,
            standing_orders_version=None,
        )
        rows = sorted(
            (
                Row(e.unit, e.members, e.seats, e.arithmetic)
                for e in Entitlement.objects.filter(conference=conference).select_related("unit")
            ),
            key=lambda row: row.unit.path_ids(),
        )
        return Table(rows, rule_in_words(entitlement_rule(rules)), rules.rulebook_version, True)
    rules = rules_for(conference.body, today or timezone.localdate())
    rule, rows = entitlement_computed(conference, rules)
    return Table(rows, rule_in_words(rule), rules.rulebook_version, False)


def conferences_of(body: Body) -> list[Conference]:
    return list(Conference.objects.filter(body=body))


def conferences_within(body: Body) -> list[Conference]:
    """The conferences of `body` and of the bodies above it: those it may send delegates to."""
    ids = [int(part) for part in body.path.strip("/").split("/") if part]
    return list(Conference.objects.filter(body_id__in=ids).select_related("body"))


DEADLINES = (
    ("freeze_on", gettext_lazy("Membership freeze")),
    ("delegates_by", gettext_lazy("Delegates elected")),
    ("motions_by", gettext_lazy("Motions")),
    ("amendments_by", gettext_lazy("Amendments")),
    ("agenda_by", gettext_lazy("Final agenda")),
    ("emergency_by", gettext_lazy("Emergency motions")),
    ("opens_on", gettext_lazy("Conference opens")),
    ("closes_on", gettext_lazy("Conference closes")),
)


def timetable(
    conference: Conference, today: datetime.date | None = None
) -> list[dict[str, object]]:
    """Each deadline with its day and whether it has passed."""
    today = today or timezone.localdate()
    return [
        {
            "name": name,
            "label": str(label),
            "on": getattr(conference, name),
            "passed": getattr(conference, name) < today,
        }
        for name, label in DEADLINES
    ]


def conferences_due_for_entitlement(today: datetime.date) -> list[Conference]:
    return list(
        Conference.objects.filter(entitled_at__isnull=True, freeze_on__lte=today).order_by("pk")
    )


def delegation_timetable(
    office: Office, now: datetime.datetime
) -> tuple[datetime.datetime, datetime.datetime] | None:
    """For a conference delegation's election: when nominations close and voting closes, so
    that the delegates are elected by the conference's `delegates_by` date (nominations for
    the first half of the time left, voting for the second); its alternates' the same. None
    for any other office, or when that date has passed (the rulebook's usual timetable then
    applies)."""
    delegation = (
        Delegation.objects.filter(Q(office=office) | Q(alternates=office))
        .select_related("conference")
        .first()
    )
    if delegation is None:
        return None
    day_after = delegation.conference.delegates_by + datetime.timedelta(days=1)
    closes = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time()))
    if closes <= now:
        return None
    return now + (closes - now) / 2, closes


def delegations_of(conference: Conference) -> list[tuple[Delegation, int]]:
    """Each delegation with how many of its seats are filled now."""
    return [
        (delegation, delegation.office.terms.current().count())
        for delegation in Delegation.objects.filter(conference=conference).select_related(
            "unit", "office", "alternates"
        )
    ]


def motions_of(conference: Conference) -> list[Motion]:
    return list(
        Motion.objects.filter(conference=conference).select_related("body", "submitted_by__person")
    )


def motion_lines(motion: Motion) -> tuple[Line, ...]:
    """The motion as numbered lines, as delegates cite and amend it."""
    return parse_document(motion.document_source()).lines()


def senders_of(conference: Conference) -> list[Body]:
    """The bodies that may bring motions: the conference's own body and those that send
    delegates (once the entitlement is fixed, those it fixed, whatever moved since)."""
    fixed = Conference.objects.filter(pk=conference.pk, entitled_at__isnull=False).exists()
    if fixed:
        units = [
            e.unit for e in Entitlement.objects.filter(conference=conference).select_related("unit")
        ]
    else:
        units = units_of(conference)
    return [conference.body, *units]


def conference_of(item: Motion | Amendment | Composite) -> Conference:
    """The conference a motion, an amendment or a composite belongs to."""
    if isinstance(item, Amendment):
        return item.motion.conference
    return item.conference


def latest_ruling(item: Motion | Amendment | Composite) -> Ruling | None:
    """The committee's latest ruling on the item: its standing (None: not yet ruled on)."""
    field = {Motion: "motion", Amendment: "amendment", Composite: "composite"}[type(item)]
    return Ruling.objects.filter(**{field: item}).order_by("-number").first()


# What keeps a motion or a composite from the floor: it is not composited, nor on the agenda.
KEPT_FROM_THE_FLOOR = {
    RulingKind.OUT_OF_ORDER,
    RulingKind.REFERRED,
    RulingKind.REMITTED,
    RulingKind.GUILLOTINED,
}


def standing_composite_of(motion: Motion) -> Composite | None:
    """The composite the motion is in that has not fallen (awaiting consent, or agreed)."""
    return (
        Composite.objects.filter(consents__motion=motion)
        .exclude(state=Composite.State.FALLEN)
        .first()
    )


def agreed_composite_of(motion: Motion) -> Composite | None:
    """The agreed composite that goes forward in the motion's place, if any."""
    return Composite.objects.filter(consents__motion=motion, state=Composite.State.AGREED).first()


def rulings_of(conference: Conference) -> list[Ruling]:
    """Every ruling of the committee, by number, with what it was on."""
    return list(
        Ruling.objects.filter(conference=conference).select_related(
            "motion", "amendment__motion", "composite", "ruled_by__person"
        )
    )


@dataclass(frozen=True)
class Standing:
    """Where a motion stands: composited into an agreed composite, or its latest ruling, or
    awaiting one (both None)."""

    ruling: Ruling | None
    composite: Composite | None

    @property
    def goes_forward(self) -> bool:
        """On the agenda in its own right: not composited, and admissible."""
        return self.composite is None and (
            self.ruling is not None and self.ruling.kind == RulingKind.ADMISSIBLE
        )


def standing_of(motion: Motion) -> Standing:
    return Standing(latest_ruling(motion), agreed_composite_of(motion))


def standings_of(conference: Conference) -> dict[int, Standing]:
    """Each motion's standing, by motion id, in two queries."""
    latest: dict[int, Ruling] = {}
    for ruling in Ruling.objects.filter(conference=conference, motion__isnull=False):
        latest[ruling.motion_id] = ruling  # by number: the last one stands
    agreed = {
        consent.motion_id: consent.composite
        for consent in Consent.objects.filter(
            composite__conference=conference, composite__state=Composite.State.AGREED
        ).select_related("composite")
    }
    return {
        motion_id: Standing(latest.get(motion_id), agreed.get(motion_id))
        for motion_id in Motion.objects.filter(conference=conference).values_list("pk", flat=True)
    }


def composites_of(conference: Conference) -> list[Composite]:
    return list(
        Composite.objects.filter(conference=conference).prefetch_related("consents__motion__body")
    )


@dataclass(frozen=True)
class CompositeLine:
    """A numbered line of a composite, with the motion it came from (None: the committee's own
    words, or the title)."""

    number: int
    kind: str
    runs: tuple[Run, ...]
    motion: Motion | None


def composite_lines(composite: Composite) -> list[CompositeLine]:
    """The composite's numbered lines, each credited to the motion whose words it carries."""
    document = parse_document(composite.document_source())
    motions = {
        str(consent.motion.number): consent.motion
        for consent in composite.consents.select_related("motion")
    }
    origins = block_origins(
        document, {number: parse_document(m.document_source()) for number, m in motions.items()}
    )
    return [
        CompositeLine(
            line.number,
            document.blocks[line.block].kind,
            line.runs,
            motions[origin] if (origin := origins[line.block]) is not None else None,
        )
        for line in document.lines()
    ]


def delegation_over(office: Office, today: datetime.date) -> bool:
    """Whether `office` is a conference delegation, or its alternates, whose date for
    delegates has passed: no election fills it any more (a vacancy waits for an alternate,
    never a by-election)."""
    return Delegation.objects.filter(
        Q(office=office) | Q(alternates=office), conference__delegates_by__lt=today
    ).exists()


def amendments_of(motion: Motion, *, texts: bool = True) -> list[Amendment]:
    """A motion's amendments, by number, each knowing its motion (no query to show it); without
    their `texts` when asked (each repeats the whole motion, which a page does not show)."""
    amendments = (
        Amendment.objects.filter(motion=motion)
        .select_related("body", "submitted_by__person")
        .prefetch_related("rulings")
    )
    if not texts:
        amendments = amendments.defer("text")
    found = list(amendments)
    for amendment in found:
        amendment.motion = motion
    return found


def amendment_hunks(amendment: Amendment) -> tuple[Hunk, ...]:
    """What the amendment changes, line by numbered line of the motion, worked out from the
    two texts (`amendment_submit` keeps it as the amendment's `changes`)."""
    return diff_documents(
        parse_document(amendment.motion.document_source()),
        parse_document(amendment.document_source()),
    )


def changes_kept(hunks: tuple[Hunk, ...]) -> list[list[object]]:
    """Hunks as an amendment's `changes` keeps them."""
    return [[h.old_start, list(h.old_lines), h.new_start, list(h.new_lines)] for h in hunks]


def changes_of(amendment: Amendment) -> tuple[Hunk, ...]:
    """What the amendment changes, as kept when it was submitted."""
    return tuple(
        Hunk(old_start, tuple(old_lines), new_start, tuple(new_lines))
        for old_start, old_lines, new_start, new_lines in amendment.changes
    )


def _pairs(hunks: dict[int, tuple[Hunk, ...]]) -> set[tuple[int, int]]:
    """The pairs of numbers whose changes touch the same lines of the motion, or insert at the
    same place: the rule `documents.merge_texts` applies when two changes are adopted one after
    another. One sweep over the changes in the motion's order, each compared only with those
    that start within it (or where it starts), not every amendment with every other (500 make
    124,750 pairs)."""
    spans = sorted(
        (hunk.old_start, hunk.old_start + len(hunk.old_lines), number)
        for number, changes in hunks.items()
        for hunk in changes
    )
    pairs: set[tuple[int, int]] = set()
    for i, (start, end, number) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            other_start, _other_end, other = spans[j]
            if other_start != start and other_start >= end:
                break
            if other != number:
                pairs.add((min(number, other), max(number, other)))
    return pairs


def conflicting(motion: Motion) -> set[tuple[int, int]]:
    """The pairs of amendments (by number, the lower first) that change the same lines of the
    motion: conference cannot carry both as written, so they are shown together."""
    return _pairs({a.number: changes_of(a) for a in amendments_of(motion, texts=False)})


@dataclass(frozen=True)
class AmendmentShown:
    """An amendment as its motion's page, the API and the command line show it."""

    amendment: Amendment
    hunks: tuple[Hunk, ...]
    conflicts_with: tuple[int, ...]


def amendments_shown(motion: Motion, *, texts: bool = True) -> list[AmendmentShown]:
    """Each amendment with its changes and the numbers of those it conflicts with (with its
    text, unless `texts` is false: a page that shows only the changes spares reading it)."""
    amendments = amendments_of(motion, texts=texts)
    hunks = {a.number: changes_of(a) for a in amendments}
    others: dict[int, set[int]] = {number: set() for number in hunks}
    for first, second in _pairs(hunks):
        others[first].add(second)
        others[second].add(first)
    return [AmendmentShown(a, hunks[a.number], tuple(sorted(others[a.number]))) for a in amendments]


# Credentials: the scheduler's list and the credentials committee's report.


def conferences_due_for_credentials(today: datetime.date) -> list[Conference]:
    """The conferences whose date for delegates has passed and which have not closed: their
    delegates, however late seated, get credentials."""
    return list(
        Conference.objects.filter(
            entitled_at__isnull=False, delegates_by__lt=today, closes_on__gte=today
        )
        .select_related("body")
        .order_by("pk")
    )


# Alternates: the order in which they step up, and who holds whose seat.


def _places(terms: list[Term]) -> dict[int, int]:
    """Each term's place in the count of the election that seated it (its member's position
    in the result's `elected_ids`); terms no count placed are left out. One query for the
    candidates of every election concerned."""
    elections = {term.election_id: term.election for term in terms if term.election is not None}
    if not elections:
        return {}
    # Through the offices (the elections app sits above this one): every candidate of every
    # election to them, a few rows an office.
    member_of = {
        candidate: member
        for election, candidate, member in Office.objects.filter(
            pk__in={term.office_id for term in terms}
        ).values_list(
            "elections__pk", "elections__candidates__pk", "elections__candidates__member_id"
        )
        if election in elections and candidate is not None
    }
    position: dict[tuple[int, int], int] = {}
    for pk, election in elections.items():
        for place, candidate in enumerate((election.result or {}).get("elected_ids", [])):
            if candidate in member_of:
                position.setdefault((pk, member_of[candidate]), place)
    return {
        term.pk: position[(term.election_id, term.member_id)]
        for term in terms
        if (term.election_id, term.member_id) in position
    }


def election_order(terms: list[Term]) -> list[Term]:
    """`terms` of one office in the order their election elected them: the order in which a
    delegation's alternates step up. It is the count's own order (`elected_ids` of the
    declared result): with STV, the order in which the candidates reached the quota, stage by
    stage as the published count shows; with plurality or approval, most votes first, a tie
    settled by the count's published lot; uncontested, the ballot paper's order (by name).
    Terms of an earlier election come before those of a later one (a by-election before the
    date for delegates), and terms no count placed (a founding act) come last; any remaining
    tie goes to the term recorded first. Nobody chooses the order, and anyone can check it
    against the election's result."""
    places = _places(terms)
    return sorted(
        terms,
        key=lambda term: (
            term.election_id is None,
            term.election_id or 0,
            term.pk not in places,
            places.get(term.pk, 0),
            term.pk,
        ),
    )


class AlternateState(models.TextChoices):
    """Where an alternate stands (worked out, never stored): waiting in line; holding a
    delegate's seat; having held one and stood down in turn; elected a delegate too (so never
    stepping up); no longer an alternate (their term ended, or they left the organisation)."""

    WAITING = "waiting", gettext_lazy("in line")
    SEATED = "seated", gettext_lazy("holds a seat")
    STOOD_DOWN = "stood-down", gettext_lazy("held a seat, stood down")
    DELEGATE = "delegate", gettext_lazy("elected a delegate too")
    GONE = "gone", gettext_lazy("no longer an alternate")


@dataclass(frozen=True)
class Alternate:
    """One of a delegation's alternates, at `place` in line (1 steps up first), with the
    credential of the seat they took, if they took one."""

    place: int
    term: Term
    state: str
    credential: Credential | None

    @property
    def name(self) -> str:
        return self.term.member.person.full_name

    @property
    def number(self) -> str:
        return self.term.member.number

    @property
    def state_label(self) -> str:
        return str(AlternateState(self.state).label)

    @property
    def seat_of(self) -> str:
        """The name of the delegate whose seat they took (empty: none)."""
        given_up = self.credential.alternate_for if self.credential else None
        return given_up.term.member.person.full_name if given_up else ""


def _alternate_state(
    term: Term, credential: Credential | None, delegates: set[int], today: datetime.date
) -> str:
    if credential is not None:
        if credential.status == CredentialStatus.STOOD_DOWN:
            return AlternateState.STOOD_DOWN
        return AlternateState.SEATED if term.is_current(today) else AlternateState.GONE
    if not term.is_current(today):
        return AlternateState.GONE
    if term.member_id in delegates:
        return AlternateState.DELEGATE
    return AlternateState.WAITING


def alternates_by_delegation(
    conference: Conference, today: datetime.date | None = None
) -> dict[int, list[Alternate]]:
    """Each delegation's alternates (by delegation id), in the order they step up
    (`election_order`): those elected whose terms run, and those who took a seat, however it
    ended. A few queries, whatever the number of delegations."""
    today = today or timezone.localdate()
    delegations = list(Delegation.objects.filter(conference=conference).only("pk", "office_id"))
    by_office = {d.alternates_id: d.pk for d in delegations if d.alternates_id}
    delegates: dict[int, set[int]] = {d.pk: set() for d in delegations}
    office_of = {d.office_id: d.pk for d in delegations}
    for office_id, member_id in (
        Term.objects.current(today)
        .filter(office__in=list(office_of))
        .values_list("office_id", "member_id")
    ):
        delegates[office_of[office_id]].add(member_id)
    terms = list(
        Term.objects.filter(office__in=list(by_office)).select_related(
            "member__person",
            "election",
            "conference_credential__alternate_for__term__member__person",
        )
    )
    found: dict[int, list[Alternate]] = {d.pk: [] for d in delegations}
    for term in election_order(terms):
        delegation = by_office[term.office_id]
        credential = getattr(term, "conference_credential", None)
        state = _alternate_state(term, credential, delegates[delegation], today)
        if state == AlternateState.GONE and credential is None:
            continue
        place = len(found[delegation]) + 1
        found[delegation].append(Alternate(place, term, state, credential))
    return found


def alternates_of(delegation: Delegation, today: datetime.date | None = None) -> list[Alternate]:
    return alternates_by_delegation(delegation.conference, today)[delegation.pk]


def seats_held(delegation: Delegation, today: datetime.date) -> int:
    """The delegation's seats held now: its delegates whose terms run (one who stood down has
    ended theirs) and the alternates who took a seat and still hold it. Never more than the
    unit's entitlement: an alternate is seated only into a seat this leaves empty."""
    delegates = Term.objects.current(today).filter(office_id=delegation.office_id).count()
    if delegation.alternates_id is None:
        return delegates
    alternates = (
        Credential.objects.filter(
            delegation=delegation,
            term__in=Term.objects.current(today).filter(office_id=delegation.alternates_id),
        )
        .exclude(status=CredentialStatus.STOOD_DOWN)
        .count()
    )
    return delegates + alternates


def next_alternate(delegation: Delegation, today: datetime.date) -> Term | None:
    """The first alternate in line who has not taken a seat, is not a delegate too, and
    whose term runs: the one who takes the next seat given up."""
    waiting = (
        alternate
        for alternate in alternates_of(delegation, today)
        if alternate.state == AlternateState.WAITING
    )
    first = next(waiting, None)
    return first.term if first else None


@dataclass(frozen=True)
class CredentialEntry:
    """One delegate's line in the report: their credential, whether they still hold the seat,
    and the challenges to it in the order raised. An alternate's says whose seat they took; a
    credential given up, who took its seat (empty: nobody, no alternate was left)."""

    credential: Credential
    name: str
    number: str
    seated: bool
    challenges: list[Challenge]
    alternate_for: str = ""
    taken_by: str = ""

    @property
    def stood_down(self) -> bool:
        return self.credential.status == CredentialStatus.STOOD_DOWN

    @property
    def seat_empty(self) -> bool:
        """Given up, and no alternate was left to take the seat."""
        return self.stood_down and not self.taken_by


@dataclass(frozen=True)
class SenderCredentials:
    """A sending body's line in the report: the seats it was entitled to, the delegates it has
    seated now, each credential issued to its delegates, and its alternates in line."""

    unit: Body
    entitled: int
    elected: int
    entries: list[CredentialEntry]
    alternates: list[Alternate] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for entry in self.entries if entry.credential.status == status)

    @property
    def issued(self) -> int:
        return len(self.entries)

    @property
    def verified(self) -> int:
        return self._count(CredentialStatus.VERIFIED)

    @property
    def rejected(self) -> int:
        return self._count(CredentialStatus.REJECTED)

    @property
    def pending(self) -> int:
        return self._count(CredentialStatus.PENDING)

    @property
    def stood_down(self) -> int:
        return self._count(CredentialStatus.STOOD_DOWN)

    @property
    def alternates_seated(self) -> int:
        return sum(1 for a in self.alternates if a.state == AlternateState.SEATED)

    @property
    def held(self) -> int:
        """Seats held now, by delegates and by the alternates who took a seat."""
        return self.elected + self.alternates_seated


def credentials_report(
    conference: Conference, today: datetime.date | None = None
) -> list[SenderCredentials]:
    """The credentials committee's report to conference, per sending body: entitled, elected,
    issued, verified, rejected, pending, stood down, each delegate's entry (an alternate's
    saying whose seat they took), and the alternates in line (a handful of queries, whatever
    the number of delegations)."""
    today = today or timezone.localdate()
    delegations = list(
        Delegation.objects.filter(conference=conference).select_related("unit", "office")
    )
    offices = [d.office_id for d in delegations] + [d.alternates_id for d in delegations]
    seated = dict(
        Term.objects.current(today)
        .filter(office__in=[office for office in offices if office])
        .values_list("pk", "office_id")
    )
    elected = Counter(seated.values())
    credentials = (
        Credential.objects.filter(conference=conference)
        .select_related(
            "term__member__person",
            "alternate_for__term__member__person",
            "taken_by__term__member__person",
        )
        .prefetch_related(
            Prefetch(
                "challenges",
                queryset=Challenge.objects.select_related("raised_by__person").order_by(
                    "raised_at", "pk"
                ),
            )
        )
        .order_by("term__member__person__full_name", "pk")
    )
    by_delegation: dict[int, list[CredentialEntry]] = {d.pk: [] for d in delegations}
    for credential in credentials:
        member = credential.term.member
        given_up = credential.alternate_for
        taker = getattr(credential, "taken_by", None)
        by_delegation[credential.delegation_id].append(
            CredentialEntry(
                credential,
                member.person.full_name,
                member.number,
                credential.term_id in seated and credential.status != CredentialStatus.STOOD_DOWN,
                list(credential.challenges.all()),
                given_up.term.member.person.full_name if given_up else "",
                taker.term.member.person.full_name if taker else "",
            )
        )
    alternates = alternates_by_delegation(conference, today)
    return [
        SenderCredentials(
            d.unit,
            d.office.seats,
            elected[d.office_id],
            by_delegation[d.pk],
            alternates[d.pk],
        )
        for d in delegations
    ]


# The agenda and the conference papers.


def going_forward(conference: Conference) -> dict[str, str]:
    """What must be on the agenda, by key ("motion:ID", "composite:ID"), with its title: each
    motion ruled admissible and not composited, and each agreed composite the committee has not
    kept from the floor."""
    standings = standings_of(conference)
    forward = {
        f"motion:{motion.pk}": f"{motion.number}. {motion.title}"
        for motion in motions_of(conference)
        if standings[motion.pk].goes_forward
    }
    for composite in Composite.objects.filter(conference=conference, state=Composite.State.AGREED):
        latest = latest_ruling(composite)
        if latest is None or latest.kind not in KEPT_FROM_THE_FLOOR:
            forward[f"composite:{composite.pk}"] = f"C{composite.number}. {composite.title}"
    return forward


def agenda_of(conference: Conference) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(conference=conference).select_related(
            "motion__body", "motion__amends", "motion__amends_programme", "composite"
        )
    )


def agenda_current(conference: Conference, agenda: list[AgendaItem] | None = None) -> bool:
    """Whether the published agenda (`agenda`, when the caller has read it already) still
    holds exactly what goes forward: a ruling, a consent or an emergency motion since its
    publication asks the committee to publish it again."""
    if agenda is None:
        agenda = agenda_of(conference)
    listed = {item.business for item in agenda if item.business}
    return listed == set(going_forward(conference))


def papers_pdf(conference: Conference) -> Papers | None:
    """The PDF of the current agenda's papers, once the scheduler has rendered it."""
    if conference.agenda_version == 0:
        return None
    return Papers.objects.filter(conference=conference, version=conference.agenda_version).first()


def conferences_due_for_papers() -> list[Conference]:
    """Conferences whose current agenda has no papers rendered yet."""
    return list(
        Conference.objects.filter(agenda_version__gt=0)
        .exclude(papers__version=F("agenda_version"))
        .select_related("body")
    )


def kept_from_the_floor(amendment: Amendment) -> bool:
    """Whether the committee's latest ruling keeps the amendment off the floor (its rulings are
    prefetched with it)."""
    rulings = sorted(amendment.rulings.all(), key=lambda ruling: ruling.number)
    return bool(rulings) and rulings[-1].kind in KEPT_FROM_THE_FLOOR


@dataclass(frozen=True)
class PapersItem:
    """An agenda item with what the papers print of it: a motion's numbered lines and its
    amendments, or a composite's lines credited to their motions."""

    item: AgendaItem
    lines: list[Any]
    amendments: list[AmendmentShown]
    # A rule change's changes to the rules, by the rules' line numbers (its whole text, the
    # rules entire, would bury them); empty for any other item.
    changes: tuple[Hunk, ...] = ()


def papers_of(conference: Conference) -> list[PapersItem]:
    papers = []
    for item in agenda_of(conference):
        changes: tuple[Hunk, ...] = ()
        amended = item.motion and (item.motion.amends or item.motion.amends_programme)
        if amended:
            changes = diff_documents(
                parse_document(amended.text), parse_document(item.motion.document_source())
            )
        if item.motion is not None:
            lines: list[Any] = (
                [] if changes else text_lines(parse_document(item.motion.document_source()))
            )
            amendments = [
                shown
                for shown in amendments_shown(item.motion, texts=False)
                if not kept_from_the_floor(shown.amendment)
            ]
        elif item.composite is not None:
            lines, amendments = composite_lines(item.composite), []
        else:
            lines, amendments = [], []
        papers.append(PapersItem(item, lines, amendments, changes))
    return papers


def decision_of(item: Motion | Composite) -> Decision | None:
    """What conference decided on a motion or composite (None: not yet decided)."""
    field = "motion" if isinstance(item, Motion) else "composite"
    return (
        Decision.objects.filter(**{field: item})
        .select_related("version__body", "programme_version__body")
        .prefetch_related("amendments__motion")
        .first()
    )


def decisions_of(conference: Conference) -> dict[str, Decision]:
    """Every decision of the conference, by the business it decided ("motion:ID", as
    `AgendaItem.business` names it)."""
    decisions = (
        Decision.objects.filter(conference=conference)
        .select_related("motion", "composite", "version__body", "programme_version__body")
        .prefetch_related("amendments__motion")
    )
    return {
        (f"motion:{d.motion_id}" if d.motion_id else f"composite:{d.composite_id}"): d
        for d in decisions
    }


def programme_latest(body: Body) -> ProgrammeVersion | None:
    """The body's programme as it stands: its latest version (None: it has none)."""
    return ProgrammeVersion.objects.filter(body=body).order_by("-number").first()


def programme_versions(body: Body) -> list[ProgrammeVersion]:
    return list(ProgrammeVersion.objects.filter(body=body).order_by("number"))


@dataclass(frozen=True)
class ProgrammeLines:
    """Numbered lines ``first`` to ``last`` of a version, as ``version`` wrote them."""

    first: int
    last: int
    version: ProgrammeVersion


def programme_lines_changed(
    versions: list[ProgrammeVersion], version: ProgrammeVersion
) -> list[ProgrammeLines]:
    """The lines of ``version`` a later version than the first wrote, in runs, each with the
    version (and so the conference decision) that last changed it."""
    upto = [each for each in versions if each.number <= version.number]
    runs = changed_runs([parse_document(each.text) for each in upto])
    return [ProgrammeLines(first, last, upto[origin]) for first, last, origin in runs]


# The priorities ballot.


def priorities_ballot_of(conference: Conference) -> PrioritiesBallot | None:
    return PrioritiesBallot.objects.filter(conference=conference).first()


def priorities_topics(ballot: PrioritiesBallot) -> list[PrioritiesTopic]:
    """The topics in ballot-paper order, with their figures once counted."""
    return list(ballot.topics.select_related("motion", "composite"))


def priorities_chosen(conference: Conference) -> set[str]:
    """The business ("motion:ID", "composite:ID") the delegates chose as priorities."""
    return {
        topic.business
        for topic in PrioritiesTopic.objects.filter(
            ballot__conference=conference, priority=True
        ).only("motion_id", "composite_id")
    }


def priorities_voted(ballot: PrioritiesBallot, member: Member | None) -> bool | None:
    """Whether `member` has voted in the ballot; None when they are not on its electorate."""
    if member is None:
        return None
    return (
        PrioritiesElector.objects.filter(ballot=ballot, member=member)
        .values_list("has_voted", flat=True)
        .first()
    )


def priorities_turnout(ballot: PrioritiesBallot) -> int:
    """How many delegates have voted (never who, nor in what order)."""
    return PrioritiesElector.objects.filter(ballot=ballot, has_voted=True).count()


def priorities_due(now: datetime.datetime) -> list[PrioritiesBallot]:
    """The open ballots whose voting has closed: the scheduler counts them."""
    return list(
        PrioritiesBallot.objects.filter(state=PrioritiesBallot.State.OPEN, closes_at__lte=now)
        .select_related("conference__body")
        .order_by("pk")
    )


def priorities_electorate(conference: Conference, today: datetime.date) -> list[int]:
    """The members (by id) holding a verified credential to the conference today, for a seat
    they still hold: the electorate a priorities ballot freezes when it opens."""
    return sorted(
        set(
            Credential.objects.filter(
                conference=conference,
                status=CredentialStatus.VERIFIED,
                term__in=Term.objects.current(today),
            ).values_list("term__member_id", flat=True)
        )
    )
