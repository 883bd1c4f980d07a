"""`newcourse conference list|show|motions|motion|amendments|rulings|composite|agenda|
programme|credentials|instructions|priorities`: the conferences, their delegate entitlement,
their motions and where each stands, a motion's amendments, the standing orders committee's
rulings, a composite's lines, the agenda with its papers' PDF and conference's decisions, a
body's programme with each line's last change, the delegates' credentials and alternates, a
unit's instructions to its delegation and the priorities ballot with its count from the command
line. All only read (the PDF is the one the scheduler printed); a conference is called, a motion
or an amendment submitted, a ruling made, a composite drafted or answered, the agenda published,
a decision entered, a programme written, a credential reviewed, a delegate stood down, an
instruction given and the priorities ballot opened or voted in on the web pages or through the
API."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from newcourse import console
from newcourse.conferences import selectors, selectors_mandates
from newcourse.conferences.models import Composite, Conference, Decision, Motion
from newcourse.documents import line_history, parse_document, unified_diff
from newcourse.organisation.management.commands.members import find_body


class Command(console.Command):
    help = (
        "List the conferences, show one's timetable and delegate entitlement, list its "
        "motions, show one motion's numbered text, or its amendments as diffs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="the conferences, latest first")
        listing.add_argument(
            "--body", help="short name of a body: its conferences and those above it"
        )
        show = sub.add_parser("show", help="a conference's timetable and delegates")
        show.add_argument("conference", type=int, help="the conference's id")
        show.add_argument("--format", choices=["text", "json"], default="text")
        motions = sub.add_parser("motions", help="a conference's motions, by number")
        motions.add_argument("conference", type=int, help="the conference's id")
        motion = sub.add_parser("motion", help="a motion's decision and its numbered text")
        motion.add_argument("motion", type=int, help="the motion's id")
        amendments = sub.add_parser("amendments", help="a motion's amendments, as diffs")
        amendments.add_argument("motion", type=int, help="the motion's id")
        rulings = sub.add_parser("rulings", help="the standing orders committee's rulings")
        rulings.add_argument("conference", type=int, help="the conference's id")
        composite = sub.add_parser(
            "composite", help="a composite's movers and lines, each with its motion"
        )
        composite.add_argument("composite", type=int, help="the composite's id")
        agenda = sub.add_parser("agenda", help="the published agenda, and its papers as a PDF")
        agenda.add_argument("conference", type=int, help="the conference's id")
        agenda.add_argument("--pdf", metavar="FILE", help="write the papers' PDF to FILE")
        programme = sub.add_parser(
            "programme", help="a body's programme by numbered line, each line's last change"
        )
        programme.add_argument("body", help="the body's short name")
        programme.add_argument("--version", type=int, help="a version (default: the latest)")
        credentials = sub.add_parser(
            "credentials", help="the credentials report: each sending body and its delegates"
        )
        credentials.add_argument("conference", type=int, help="the conference's id")
        instructions = sub.add_parser(
            "instructions", help="a unit's instructions to its delegation, item by item"
        )
        instructions.add_argument("conference", type=int, help="the conference's id")
        instructions.add_argument(
            "--unit", required=True, help="short name of the body whose delegation it is"
        )
        priorities = sub.add_parser(
            "priorities", help="the priorities ballot: its topics, turnout and count"
        )
        priorities.add_argument("conference", type=int, help="the conference's id")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self.list(options.get("body"))
        elif options["action"] == "motions":
            self.motions(options["conference"])
        elif options["action"] == "motion":
            self.motion(options["motion"])
        elif options["action"] == "amendments":
            self.amendments(options["motion"])
        elif options["action"] == "rulings":
            self.rulings(options["conference"])
        elif options["action"] == "composite":
            self.composite(options["composite"])
        elif options["action"] == "agenda":
            self.agenda(options["conference"], options.get("pdf"))
        elif options["action"] == "programme":
            self.programme(options["body"], options.get("version"))
        elif options["action"] == "credentials":
            self.credentials(options["conference"])
        elif options["action"] == "instructions":
            self.instructions(options["conference"], options["unit"])
        elif options["action"] == "priorities":
            self.priorities(options["conference"])
        else:
            self.show(options["conference"], options["format"])

    def list(self, slug: str | None) -> None:
        if slug is None:
            conferences = list(Conference.objects.select_related("body"))
        else:
            conferences = selectors.conferences_within(find_body(slug))
        if not conferences:
            self.stdout.write("No conference called yet.")
        for conference in conferences:
            fixed = "fixed" if conference.entitled_at else "not yet fixed"
            self.stdout.write(
                f"{conference.pk:>4}  {conference.title}  ({conference.body.slug}, freeze "
                f"{conference.freeze_on}, opens {conference.opens_on}; delegates {fixed})"
            )

    def show(self, pk: int, output: str) -> None:
        conference = Conference.objects.select_related("body").filter(pk=pk).first()
        if conference is None:
            raise CommandError(f"There is no conference {pk}.", returncode=2)
        today = timezone.localdate()
        table = selectors.entitlement_table(conference, today)
        if output == "json":
            shown = {
                "conference": conference.pk,
                "title": conference.title,
                "fixed": table.fixed,
                "rule": table.rule,
                "rulebook_version": table.rulebook_version,
                "delegates": {row.unit.slug: row.seats for row in table.rows},
                "total": table.total,
            }
            self.stdout.write(json.dumps(shown, ensure_ascii=False))
            return
        self.stdout.write(f"{conference.title} ({conference.body.name})")
        for row in selectors.timetable(conference, today):
            mark = "  passed" if row["passed"] else ""
            self.stdout.write(f"  {row['label']:<20} {row['on']}{mark}")
        if table.fixed:
            state = (
                f"Fixed at the freeze on {conference.freeze_on} by rulebook version "
                f"{table.rulebook_version}: {table.rule}."
            )
        else:
            state = (
                f"As the register stands today (rulebook version {table.rulebook_version}: "
                f"{table.rule}); fixed at the freeze on {conference.freeze_on}."
            )
        self.stdout.write(state)
        width = max([len(row.unit.slug) for row in table.rows] + [5])
        self.stdout.write(f"{'body':<{width}}  {'members':>7}  {'seats':>5}  arithmetic")
        for row in table.rows:
            self.stdout.write(
                f"{row.unit.slug:<{width}}  {row.members:>7}  {row.seats:>5}  {row.arithmetic}"
            )
        self.stdout.write(f"{'total':<{width}}  {table.members:>7}  {table.total:>5}")
        delegations = selectors.delegations_of(conference)
        if delegations:
            self.stdout.write("Delegations (elected / seats):")
            for delegation, filled in delegations:
                alternates = (
                    f", alternates office {delegation.alternates_id}"
                    if delegation.alternates_id
                    else ""
                )
                self.stdout.write(
                    f"  {delegation.unit.slug:<{width}}  {filled} / {delegation.office.seats}"
                    f"  office {delegation.office_id}{alternates}"
                )

    def motions(self, pk: int) -> None:
        conference = Conference.objects.filter(pk=pk).first()
        if conference is None:
            raise CommandError(f"There is no conference {pk}.", returncode=2)
        motions = selectors.motions_of(conference)
        if not motions:
            self.stdout.write("No motion submitted yet.")
        standings = selectors.standings_of(conference)
        width = max([len(motion.body.slug) for motion in motions] + [4])
        for motion in motions:
            self.stdout.write(
                f"{motion.number:>3}  {motion.body.slug:<{width}}  {motion.title}"
                f"{' (emergency)' if motion.emergency else ''}  "
                f"(motion {motion.pk}; {_standing(standings[motion.pk])})"
            )

    def motion(self, pk: int) -> None:
        motion = Motion.objects.select_related("conference", "body").filter(pk=pk).first()
        if motion is None:
            raise CommandError(f"There is no motion {pk}.", returncode=2)
        self.stdout.write(
            f"Motion {motion.number} to {motion.conference.title}, from {motion.body.name}"
        )
        self.stdout.write(
            f"Carried at the meeting of {motion.meeting_on}: {motion.votes_for} for, "
            f"{motion.votes_against} against, {motion.votes_abstain} abstaining."
        )
        decision = selectors.decision_of(motion)
        if decision is not None:
            self.stdout.write(f"Conference's decision: {_decided(decision)}")
        if motion.amends is not None:
            # A rule change: what it changes in the version it amends, as a diff.
            self.stdout.write(f"A rule change to version {motion.amends.number} of the rules:")
            self.stdout.write(
                unified_diff(
                    parse_document(motion.amends.text),
                    parse_document(motion.document_source()),
                    old_label=f"version {motion.amends.number}",
                    new_label=f"motion {motion.number}",
                )
            )
            return
        lines = selectors.motion_lines(motion)
        width = len(str(len(lines)))
        for line in lines:
            self.stdout.write(f"{line.number:>{width}}  {line.text}")

    def amendments(self, pk: int) -> None:
        motion = Motion.objects.select_related("conference", "body").filter(pk=pk).first()
        if motion is None:
            raise CommandError(f"There is no motion {pk}.", returncode=2)
        shown = selectors.amendments_shown(motion)
        if not shown:
            self.stdout.write("No amendment submitted yet.")
        old = parse_document(motion.document_source())
        for each in shown:
            amendment = each.amendment
            friendly = ", accepted as friendly" if amendment.friendly else ""
            conflicts = ", ".join(str(n) for n in each.conflicts_with)
            self.stdout.write(
                f"Amendment {amendment.number} from {amendment.body.slug}{friendly}"
                + (f"; conflicts with {conflicts}" if conflicts else "")
            )
            self.stdout.write(
                unified_diff(
                    old,
                    parse_document(amendment.document_source()),
                    old_label=f"motion {motion.number}",
                    new_label=f"amendment {amendment.number}",
                ),
                ending="",
            )

    def rulings(self, pk: int) -> None:
        conference = Conference.objects.filter(pk=pk).first()
        if conference is None:
            raise CommandError(f"There is no conference {pk}.", returncode=2)
        rulings = selectors.rulings_of(conference)
        if not rulings:
            self.stdout.write("No ruling yet.")
        for ruling in rulings:
            if ruling.motion:
                item = f"motion {ruling.motion.number}"
            elif ruling.amendment:
                item = f"amendment {ruling.amendment}"
            else:
                item = f"composite C{ruling.composite.number}"  # type: ignore[union-attr]
            self.stdout.write(
                f"{ruling.number:>3}  {ruling.ruled_at.date()}  {item}: {ruling.kind}. "
                f"{ruling.reason}"
            )
        for composite in selectors.composites_of(conference):
            self.stdout.write(
                f"C{composite.number}  {composite.title}  ({composite.state}; composite "
                f"{composite.pk})"
            )

    def composite(self, pk: int) -> None:
        composite = Composite.objects.select_related("conference").filter(pk=pk).first()
        if composite is None:
            raise CommandError(f"There is no composite {pk}.", returncode=2)
        self.stdout.write(
            f"Composite C{composite.number} to {composite.conference.title}: {composite.state}"
        )
        for consent in composite.consents.select_related("motion__body"):
            self.stdout.write(
                f"  motion {consent.motion.number} ({consent.motion.body.slug}): {consent.answer}"
            )
        lines = selectors.composite_lines(composite)
        width = len(str(len(lines)))
        for line in lines:
            origin = f"M{line.motion.number}" if line.motion else ""
            text = "".join(run.text for run in line.runs)
            self.stdout.write(f"{line.number:>{width}}  {origin:<4} {text}")

    def credentials(self, pk: int) -> None:
        conference = Conference.objects.filter(pk=pk).first()
        if conference is None:
            raise CommandError(f"There is no conference {pk}.", returncode=2)
        report = selectors.credentials_report(conference)
        if not report:
            self.stdout.write("No delegation yet: the delegations are formed at the freeze.")
        for row in report:
            self.stdout.write(
                f"{row.unit.slug}: entitled {row.entitled}, elected {row.elected}, issued "
                f"{row.issued}, verified {row.verified}, rejected {row.rejected}, pending "
                f"{row.pending}, stood down {row.stood_down}, held now {row.held}"
            )
            for entry in row.entries:
                credential = entry.credential
                seat = "" if entry.seated or entry.stood_down else ", no longer holds the seat"
                reason = f": {credential.reason}" if credential.reason else ""
                self.stdout.write(
                    f"  {entry.number}  {entry.name}  {credential.status}{seat}{reason}"
                )
                if entry.alternate_for:
                    self.stdout.write(f"    alternate for {entry.alternate_for}")
                if entry.stood_down:
                    taken = f"seat taken by {entry.taken_by}" if entry.taken_by else "seat empty"
                    self.stdout.write(
                        f"    stood down {credential.stood_down_at:%Y-%m-%d}: "
                        f"{credential.stood_down_reason}; {taken}"
                    )
                for challenge in entry.challenges:
                    self.stdout.write(
                        f"    challenged {challenge.raised_at:%Y-%m-%d} by "
                        f"{challenge.raised_by.person.full_name}: {challenge.reason}"
                    )
            if row.alternates:
                self.stdout.write("  alternates, in line:")
            for alternate in row.alternates:
                seat_of = f", in the seat of {alternate.seat_of}" if alternate.seat_of else ""
                self.stdout.write(
                    f"  {alternate.place:>2}. {alternate.number}  {alternate.name}  "
                    f"{alternate.state}{seat_of}"
                )

    def programme(self, slug: str, number: int | None) -> None:
        body = find_body(slug)
        versions = selectors.programme_versions(body)
        if not versions:
            self.stdout.write(f"{body.name} has no programme yet.")
            return
        version = (
            versions[-1]
            if number is None
            else next((each for each in versions if each.number == number), None)
        )
        if version is None:
            raise CommandError(
                f"{body.name}'s programme has versions 1 to {versions[-1].number}.", returncode=2
            )
        upto = [each for each in versions if each.number <= version.number]
        history = line_history([parse_document(each.text) for each in upto])
        self.stdout.write(
            f"Programme of {body.name}, version {version.number} of {versions[-1].number}, "
            f"adopted {version.adopted_at:%Y-%m-%d}"
            + (f" (motion {version.conference_motion})" if version.conference_motion else "")
        )
        lines = parse_document(version.text).lines()
        width = len(str(len(lines)))
        for line in lines:
            changed = upto[history[line.number - 1]].number
            mark = f"v{changed}" if changed > 1 else ""
            self.stdout.write(f"{line.number:>{width}} {mark:>3}  {line.text}")

    def instructions(self, pk: int, slug: str) -> None:
        conference = Conference.objects.select_related("body").filter(pk=pk).first()
        if conference is None:
            raise CommandError(f"There is no conference {pk}.", returncode=2)
        delegation = selectors_mandates.delegation_of(conference, slug)
        if delegation is None:
            raise CommandError(
                f"{slug} sends no delegation to {conference.title}: no body by that name, or "
                "none entitled to delegates at the freeze.",
                returncode=2,
            )
        mandate = selectors_mandates.mandate_of(conference)
        rule = f"rule {mandate.clause}, " if mandate.clause else ""
        self.stdout.write(
            f"Delegates are {mandate.written} ({rule}rulebook version {mandate.rulebook_version})."
        )
        if not mandate.mandated:
            self.stdout.write("They are not bound by instructions: none is given.")
            return
        shown = selectors_mandates.instructions_shown(delegation)
        if not shown:
            self.stdout.write("Nothing goes forward to the conference yet.")
        for row in shown:
            given = row.instruction
            if given is None:
                self.stdout.write(f"  {row.item.title}: no instruction")
                continue
            self.stdout.write(
                f"  {row.item.title}: {given.vote} (meeting of {given.meeting_on}: "
                f"{given.votes_for} for, {given.votes_against} against, {given.votes_abstain} "
                "abstaining)"
            )
            for earlier in row.earlier:
                self.stdout.write(f"    replaced {earlier.vote} ({earlier.meeting_on})")

    def agenda(self, pk: int, pdf: str | None) -> None:
        conference = Conference.objects.filter(pk=pk).first()
        if conference is None:
            raise CommandError(f"There is no conference {pk}.", returncode=2)
        if conference.agenda_version == 0:
            self.stdout.write(f"No agenda published yet: it is due by {conference.agenda_by}.")
            return
        self.stdout.write(
            f"Agenda of {conference.title}, version {conference.agenda_version}, published "
            f"{conference.agenda_published_at:%Y-%m-%d}"
        )
        items = selectors.agenda_of(conference)
        decisions = selectors.decisions_of(conference)
        for item in items:
            if item.motion:
                name = f"motion {item.motion.number}: {item.title}"
            elif item.composite:
                name = f"C{item.composite.number}: {item.title}"
            else:
                name = f"{item.title} ({item.kind})"
            self.stdout.write(f"{item.position:>3}  {item.minutes:>3} min  {name}")
            if item.business in decisions:
                self.stdout.write(f"            {_decided(decisions[item.business])}")
        self.stdout.write(f"     {sum(item.minutes for item in items):>3} min in all")
        if pdf:
            papers = selectors.papers_pdf(conference)
            if papers is None:
                raise CommandError(
                    "The papers' PDF is not printed yet: the scheduler prints it within a "
                    "minute of publication.",
                    returncode=2,
                )
            with console.written_whole(pdf) as out:
                out.write(bytes(papers.pdf))
            self.stdout.write(f"Papers, version {papers.version}, written to {pdf}.")

    def priorities(self, pk: int) -> None:
        conference = Conference.objects.filter(pk=pk).first()
        if conference is None:
            raise CommandError(f"There is no conference {pk}.", returncode=2)
        ballot = selectors.priorities_ballot_of(conference)
        if ballot is None:
            self.stdout.write("No priorities ballot: the standing orders committee opens one.")
            return
        topics = selectors.priorities_topics(ballot)
        self.stdout.write(
            f"Priorities ballot of {conference.title}: {ballot.state}; each of the "
            f"{ballot.electorate_size} delegates approves up to {ballot.choices} of "
            f"{len(topics)} topics, {ballot.priorities} reach the floor; voting closes "
            f"{timezone.localtime(ballot.closes_at):%Y-%m-%d %H:%M}"
        )
        if ballot.state == ballot.State.OPEN:
            self.stdout.write(f"Voted so far: {selectors.priorities_turnout(ballot)}")
            for topic in topics:
                self.stdout.write(f"  {topic.title}  (topic {topic.pk})")
            return
        result = ballot.result or {}
        self.stdout.write(f"Counted: {result.get('papers', 0)} papers")
        count = result.get("count")
        if count is None:
            self.stdout.write("Nobody voted: no topic was chosen.")
            return
        self.stdout.write(f"Method: {count['method']}, seed {count['seed']}")
        for topic in topics:
            mark = "  priority" if topic.priority else ""
            self.stdout.write(f"  {topic.approvals:>5}  {topic.title}{mark}")
        for tie in count["tie_breaks"]:
            self.stdout.write(
                f"Tie for the last place between {', '.join(tie['between'])}: "
                f"{tie['chosen']} chosen by {tie['rule']}"
            )


def _decided(decision: Decision) -> str:
    """A decision in a line: "carried 50-20-3 (simple), as amended by 1.1; rules version 2"."""
    line = (
        f"{decision.outcome} {decision.votes_for}-{decision.votes_against}-"
        f"{decision.votes_abstain} ({decision.majority})"
    )
    amendments = [str(amendment) for amendment in decision.amendments.all()]
    if amendments:
        line += ", as amended by " + ", ".join(amendments)
    if decision.version is not None:
        line += f"; rules version {decision.version.number}"
    elif decision.programme_version is not None:
        line += f"; programme version {decision.programme_version.number}"
    elif decision.not_applied:
        line += f"; not applied: {decision.not_applied}"
    return line


def _standing(standing: selectors.Standing) -> str:
    if standing.composite is not None:
        return f"composited into C{standing.composite.number}"
    if standing.ruling is not None:
        return standing.ruling.kind
    return "awaiting a ruling"
