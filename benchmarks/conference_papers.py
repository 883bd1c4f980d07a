"""The conference programme with its amendments: a motion of about 30 printed pages (15,000
words) with 500 amendments, its page rendered with numbered lines, each amendment's changes
and the amendments each conflicts with. The target from issue 13: under 300 ms server time.

    PYTHONPATH=src .venv/bin/python benchmarks/conference_papers.py [--words 15000]
        [--amendments 500] [--branches 100] [--requests 11] [--profile]

Builds, in a fresh database (SQLite in a temporary data directory unless DATABASE_URL is set),
the trade union model's organisation with 100 branches, a conference of the International
that they send delegates to, and two motions: the programme (seeded text, so every run is the
same: numbered sections of numbered paragraphs, 1,320 lines) with `--amendments` amendments,
and, as the reference, a one-page motion (500 words) with 5. The motions and amendments are
rows made with the ORM, past the services' word limits, with real bodies, members and officers
behind them. Each amendment changes one to three paragraphs (words replaced, a sentence added,
a paragraph inserted or struck out) at places spread over the programme, a third of them in a
dozen contested paragraphs: 485 of the 500 conflict with another, in 3,276 pairs, as happens
when 500 amendments meet 200 paragraphs.

Then times, server side, the motion page's whole GET through Django's test client, logged in as
an ordinary member of a branch (the page needs a member of the conference's organisation), and
its two costly parts on their own: `selectors.motion_lines` and `selectors.amendments_shown`
(every amendment's changes, as kept since its submission, without its text as the page asks,
and the conflicts between them). Prints the medians and, for each, the ratio of the
programme's to the one-page motion's: the page's ratio is the figure that counts, as machines
vary two-fold. `--profile` profiles one GET of the programme's page instead.

On this machine (2 shared cores, SQLite, 2026-12-07, another process busy at times: the
median of 3 runs, each of medians of 21): the one-page motion's page 14.6 ms; the programme's
238 ms (219 to 267 ms), 16.4 times as long, under the 300 ms; `amendments_shown` 53 ms;
`motion_lines` 2.1 ms. Rendering is most of the rest, about 180 ms: under the profiler two
thirds of it the 500 amendments, a third the motion's 1,320 numbered lines.

Before each amendment kept its changes from its submission (neither text changes after),
conflicts were found in one sweep over the changes in the motion's order, the sending
branches' check started from the bodies the reader serves in, and the motion's page joined
the conflict links in one filter and wrote out the changes (the same day, medians of 11): the
one-page motion's page 159 ms; the programme's 1.64 s, 10.4 times as long (a ratio
flattered by that reference); `amendments_shown` 1.24 s. An earlier profile split them: of
the one-page motion's page about 130 ms was not the motion at all but
`access.bodies_amending_for` asking each of the 100 sending branches in turn whether the
reader is one of its officers (two queries each); of `amendments_shown`, parsing the 500
amendments' whole texts took about 0.8 s, diffing them 0.16 s and comparing every amendment
with every other for conflicts 0.2 s; rendering the 1.3 MB of HTML about 0.3 s. Of the last
steps alone: including `_hunks.html` for each amendment, not writing it out, cost about 20 ms
(278 ms against 258 ms), and `format_html_join` for the 3,276 conflict links 34 ms against 6.

Before `newcourse.documents` wrapped each paragraph once, compared blocks before lines and read
plain source lines whole (the same day, medians of 3): the one-page motion's page 162 ms; the
programme's 50.8 s, 314 times as long, nearly all of it in `amendments_shown` (49.9 s): for
each amendment, its whole text and the motion's again were wrapped word by word into 1,320
lines (three quarters of the time), its source read character by character (a fifth), then
diffed; `motion_lines` 55 ms.

The whole run takes about 15 s (46 s before the amendments kept their changes) and peaks at
158 MiB (median of 3 runs of the whole process).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable

SUBJECTS = (
    "Conference",
    "The union",
    "This movement",
    "Every branch",
    "The national executive",
    "Our members in the public sector",
    "Workers in care, transport and retail",
    "The labour movement as a whole",
    "Young workers",
    "Tenants and their associations",
)
VERBS = (
    "notes",
    "believes",
    "recognises",
    "resolves to campaign for",
    "calls for",
    "opposes",
    "welcomes",
    "condemns",
    "instructs the executive to work for",
    "will support",
)
OBJECTS = (
    "a shorter working week without loss of pay",
    "the repeal of the anti-union laws",
    "public ownership of the railways, water and energy",
    "a living wage for every worker from the first day",
    "sectoral collective bargaining across the economy",
    "decent, secure and affordable homes for all",
    "an end to zero-hours contracts and bogus self-employment",
    "a national care service funded from general taxation",
    "equal pay for work of equal value",
    "the right to disconnect outside working hours",
    "safe staffing levels in every hospital and school",
    "a just transition for workers in the energy industries",
    "free public transport in our cities",
    "the restoration of facility time for workplace representatives",
    "full pension rights for part-time and agency workers",
)
CLAUSES = (
    "as the cost of living rises faster than wages",
    "since the last conference",
    "in every workplace where we organise",
    "together with the wider movement",
    "through industrial and political action",
    "before the next general election",
    "by the end of the next financial year",
    "in line with the decisions of previous conferences",
    "with the support of our sister unions abroad",
    "so that no member is left behind",
)
SECTIONS = (
    "Pay and conditions",
    "Employment rights",
    "Public services",
    "Housing",
    "Health and safety",
    "Equality",
    "Climate and a just transition",
    "Organising and recruitment",
    "International solidarity",
    "Union democracy",
)


def _sentence(rnd: random.Random) -> str:
    sentence = f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)}"
    if rnd.random() < 0.7:
        sentence += f", {rnd.choice(CLAUSES)}"
    if rnd.random() < 0.3:
        sentence += f" and {rnd.choice(OBJECTS)}"
    return sentence + "."


def _paragraph(rnd: random.Random, clause: str, words: int) -> str:
    sentences = [f"{clause} {_sentence(rnd)}"]
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(_sentence(rnd))
    return " ".join(sentences)


def programme(words: int, seed: int) -> list[str]:
    """A motion's blocks (`## ` headings and numbered paragraphs) of about `words` words; the
    same for the same seed."""
    rnd = random.Random(seed)
    blocks: list[str] = []
    written = section = number = 0
    while written < words:
        if section == 0 or rnd.random() < 0.06:
            section += 1
            blocks.append(f"## {section}. {SECTIONS[(section - 1) % len(SECTIONS)]}")
            number = 0
        number += 1
        paragraph = _paragraph(rnd, f"{section}.{number}", rnd.randint(40, 110))
        blocks.append(paragraph)
        written += len(paragraph.split())
    return blocks


def amended(blocks: list[str], rnd: random.Random, contested: list[int]) -> list[str]:
    """`blocks` as one amendment would leave them: one to three paragraphs changed."""
    paragraphs = [i for i, block in enumerate(blocks) if not block.startswith("#")]
    changed = list(blocks)
    places = {
        rnd.choice(contested) if rnd.random() < 1 / 3 else rnd.choice(paragraphs)
        for _ in range(rnd.choice((1, 1, 1, 2, 2, 3)))
    }
    for place in sorted(places, reverse=True):  # from the end, so earlier indices hold
        kind = rnd.random()
        if kind < 0.45:  # words replaced
            words = changed[place].split(" ")
            at = rnd.randrange(1, len(words))
            words[at : at + rnd.randint(1, 6)] = rnd.choice(OBJECTS).split(" ")
            changed[place] = " ".join(words)
        elif kind < 0.75:  # a sentence added
            changed[place] = f"{changed[place]} {_sentence(rnd)}"
        elif kind < 0.9:  # a paragraph inserted after it
            changed.insert(place + 1, " ".join(_sentence(rnd) for _ in range(rnd.randint(2, 4))))
        else:  # struck out
            del changed[place]
    return changed


def _median_ms(function: Callable[[], object], count: int) -> float:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=15_000)
    parser.add_argument("--amendments", type=int, default=500)
    parser.add_argument("--requests", type=int, default=11)
    parser.add_argument("--branches", type=int, default=100)
    parser.add_argument(
        "--profile", action="store_true", help="profile one GET of the programme's page, then stop"
    )
    args = parser.parse_args()
    os.environ.setdefault("NEWCOURSE_HOME", tempfile.mkdtemp(prefix="newcourse-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newcourse.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import Client
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from newcourse import rulebook
    from newcourse.conferences import selectors
    from newcourse.conferences import services as conferences
    from newcourse.conferences.models import Amendment, Motion
    from newcourse.offices import services as office_services
    from newcourse.organisation import services
    from newcourse.rules import services as rules

    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    founded = datetime.date(2000, 1, 1)
    root = rules.organisation_found(
        actor="bench",
        name="International",
        kind="International",
        text=rulebook.model_text("trade-union", "en"),
        source="model:trade-union.en",
        effective_on=founded,
    )
    regions = [
        services.body_create(actor="bench", name=f"Region {r}", kind="Region", parent=root)
        for r in range(10)
    ]
    branches = [
        services.body_create(
            actor="bench", name=f"Branch {b}", kind="Branch", parent=regions[b % len(regions)]
        )
        for b in range(args.branches)
    ]
    secretaries = []
    for branch in branches:
        secretary = services.member_admit(
            actor="bench",
            email=f"secretary@{branch.slug}.example",
            full_name=f"{branch.name} Secretary",
            body=branch,
            joined_on=founded,
        )
        office = office_services.office_create(actor="bench", body=branch, title="Secretary")
        office_services.term_record_founding(actor="bench", office=office, members=[secretary])
        secretaries.append(secretary)
    general = services.member_admit(
        actor="bench",
        email="secretary@international.example",
        full_name="General Secretary",
        body=branches[0],
        joined_on=founded,
    )
    office = office_services.office_create(actor="bench", body=root, title="General secretary")
    office_services.term_record_founding(actor="bench", office=office, members=[general])
    reader = services.member_admit(
        actor="bench",
        email="member@example.org",
        full_name="A Member",
        body=branches[1],
        joined_on=founded,
    )
    today = timezone.localdate()
    conference = conferences.conference_call(
        person=general.person,
        member=general,
        body=root,
        title="Congress",
        unit_kind="Branch",
        dates={
            name: today + datetime.timedelta(days=21 * (n + 1))
            for n, (name, _label) in enumerate(selectors.DEADLINES)
        },
    )

    def motion_with_amendments(number: int, words: int, amendments: int, seed: int) -> Motion:
        blocks = programme(words, seed)
        motion = Motion.objects.create(
            conference=conference,
            number=number,
            body=branches[0],
            title="The programme" if number == 1 else "Cost of living",
            text="\n\n".join(blocks),
            submitted_by=secretaries[0],
            submitted_at=timezone.now(),
            meeting_on=today,
            votes_for=40,
            votes_against=3,
        )
        rnd = random.Random(seed + 1)
        paragraphs = [i for i, block in enumerate(blocks) if not block.startswith("#")]
        contested = rnd.sample(paragraphs, min(12, len(paragraphs)))
        rows = []
        for n in range(1, amendments + 1):
            sender = 1 + (n - 1) % (len(branches) - 1)  # every branch but the motion's
            amendment = Amendment(
                motion=motion,
                number=n,
                body=branches[sender],
                text="\n\n".join(amended(blocks, rnd, contested)),
                submitted_by=secretaries[sender],
                submitted_at=timezone.now(),
                meeting_on=today,
                votes_for=20,
                votes_against=2,
            )
            # As `amendment_submit` keeps them.
            amendment.changes = selectors.changes_kept(selectors.amendment_hunks(amendment))
            rows.append(amendment)
        Amendment.objects.bulk_create(rows)
        return Motion.objects.select_related("conference", "body").get(pk=motion.pk)

    large = motion_with_amendments(1, args.words, args.amendments, seed=2026)
    small = motion_with_amendments(2, 500, 5, seed=13)
    client = Client()
    client.force_login(reader.person)

    def page(motion: Motion) -> Callable[[], HttpResponse]:
        def get() -> HttpResponse:
            response = client.get(motion.get_absolute_url())
            assert response.status_code == 200, response.status_code
            return response

        return get

    for motion in (large, small):
        lines = selectors.motion_lines(motion)
        shown = selectors.amendments_shown(motion)
        conflicting = sum(1 for s in shown if s.conflicts_with)
        pairs = sum(len(s.conflicts_with) for s in shown) // 2
        print(
            f"motion {motion.number}: {len(motion.text.split()):,} words, {len(lines):,} lines "
            f"(about {len(lines) / 50:.0f} pages of 50), {len(shown)} amendments, "
            f"{sum(len(s.hunks) for s in shown)} changes, {conflicting} amendments in "
            f"{pairs} conflicting pairs; its page {len(page(motion)().content) / 1000:,.0f} kB"
        )

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(page(large))
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    print(f"medians of {args.requests} runs")
    figures = {}
    for label, motion in (("one page, 5 amendments", small), ("programme", large)):
        figures[label] = {
            "page (GET)": _median_ms(page(motion), args.requests),
            "motion_lines": _median_ms(lambda m=motion: selectors.motion_lines(m), args.requests),
            "amendments_shown": _median_ms(
                lambda m=motion: selectors.amendments_shown(m, texts=False), args.requests
            ),
        }
    reference = figures["one page, 5 amendments"]
    for label, parts in figures.items():
        for part, median in parts.items():
            print(
                f"{label:24} {part:18} {median:9.1f} ms  "
                f"x{median / reference[part]:7.1f} of the one-page motion's"
            )
    verdict = "under" if figures["programme"]["page (GET)"] < 300 else "over"
    print(f"the programme's page is {verdict} the 300 ms of issue 13")


if __name__ == "__main__":
    main()
