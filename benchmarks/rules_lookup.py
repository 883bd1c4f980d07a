"""What asking the rules costs: `rules_for(body)`, which every election, nomination, recall and
term now calls, against the cheapest read the same act makes anyway (the body by its key).

Builds the trade union model's organisation with a branch that has standing orders (adopted
through a carried rule change) in a fresh database (SQLite in a temporary data directory
unless DATABASE_URL is set), then times each lookup many times and prints the medians and the
ratio to the reference read: the ratio is the figure that counts, as machines vary.

    .venv/bin/python benchmarks/rules_lookup.py [--lookups 2000]

On this machine (SQLite, 2026-12-07): the reference read 177 µs; rules_for at the top body
272 µs (ratio 1.54: one query and the parsed rulebook from the cache); at a branch 525 µs
(ratio 2.97: a second query for its standing orders, with or without any).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import tempfile
import time


def _median_us(function, count: int) -> float:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("NEWCOURSE_HOME", tempfile.mkdtemp(prefix="newcourse-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newcourse.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from newcourse import rulebook
    from newcourse.offices import services as office_services
    from newcourse.organisation import services
    from newcourse.organisation.models import Body
    from newcourse.rules import selectors
    from newcourse.rules import services as rules

    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    root = rules.organisation_found(
        actor="bench",
        name="Union",
        kind="Union",
        text=rulebook.model_text("trade-union", "en"),
        source="model:trade-union.en",
        effective_on=datetime.date(2000, 1, 1),
    )
    region = services.body_create(actor="bench", name="Region", kind="Region", parent=root)
    branch = services.body_create(actor="bench", name="Branch", kind="Branch", parent=region)
    plain = services.body_create(actor="bench", name="Plain", kind="Branch", parent=region)
    secretary = services.member_admit(
        actor="bench",
        email="secretary@example.org",
        full_name="Secretary",
        body=branch,
        joined_on=datetime.date(2001, 1, 1),
    )
    office = office_services.office_create(actor="bench", body=branch, title="Secretary")
    office_services.term_record_founding(actor="bench", office=office, members=[secretary])
    opens = timezone.now() - datetime.timedelta(days=30)
    text = selectors.standing_orders_starter(branch).replace(
        "{recall.threshold = 20%}", "{recall.threshold = 25%}"
    )
    change = rules.rule_change_propose(
        person=secretary.person,
        member=secretary,
        body=branch,
        title="Standing orders",
        text=text,
        voting_opens_at=opens,
        now=opens - datetime.timedelta(days=29),
    )
    rules.rule_changes_tick(now=opens + datetime.timedelta(hours=1))
    rules.rule_change_vote(
        change=change, member=secretary, choice="for", now=opens + datetime.timedelta(hours=1)
    )
    rules.rule_changes_tick(now=change.voting_closes_at + datetime.timedelta(hours=1))
    assert selectors.rules_for(branch).standing_orders_version == 1

    reference = _median_us(lambda: Body.objects.get(pk=branch.pk), args.lookups)
    figures = {
        "rules_for(top body)": _median_us(lambda: selectors.rules_for(root), args.lookups),
        "rules_for(branch, no standing orders)": _median_us(
            lambda: selectors.rules_for(plain), args.lookups
        ),
        "rules_for(branch with standing orders)": _median_us(
            lambda: selectors.rules_for(branch), args.lookups
        ),
    }
    print(f"{'reference: Body.objects.get(pk)':<42} {reference:8.1f} µs  ratio 1.00")
    for label, median in figures.items():
        print(f"{label:<42} {median:8.1f} µs  ratio {median / reference:.2f}")


if __name__ == "__main__":
    main()
