"""Server time of the organisation's busiest pages, and a 100,000-row roster import.

Builds an organisation of 100,000 members in 2,000 branches in a fresh database (SQLite in a
temporary data directory unless DATABASE_URL is set), importing the roster through the same
code path as `newcourse members import`, then times the body page and the member directory
through Django's test client (server time, no network).

    .venv/bin/python benchmarks/app_pages.py [--members 100000] [--branches 2000]
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--branches", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("NEWCOURSE_HOME", tempfile.mkdtemp(prefix="newcourse-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newcourse.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from newcourse.offices import services as office_services
    from newcourse.organisation import roster, services
    from newcourse.organisation.models import Body

    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    from newcourse import rulebook
    from newcourse.rules import services as rules

    root = rules.organisation_found(
        actor="bench",
        name="International",
        kind="International",
        text=rulebook.model_text("trade-union", "en"),
        source="model:trade-union.en",
        effective_on=datetime.date(2000, 1, 1),
    )
    sections = [
        services.body_create(actor="bench", name=f"Section {s}", kind="Section", parent=root)
        for s in range(10)
    ]
    regions = [
        services.body_create(actor="bench", name=f"Region {s}-{r}", kind="Region", parent=section)
        for s, section in enumerate(sections)
        for r in range(10)
    ]
    per_region = args.branches // len(regions)
    branches: list[Body] = []
    started = time.perf_counter()
    for region in regions:
        for b in range(per_region):
            branches.append(
                services.body_create(
                    actor="bench", name=f"{region.name} branch {b}", kind="Branch", parent=region
                )
            )
    print(f"{len(branches)} branches created in {time.perf_counter() - started:.1f} s")

    lines = ["email,full_name,branch,joined_on"]
    for n in range(args.members):
        branch = branches[n % len(branches)]
        lines.append(f"member{n}@example.org,Member {n},{branch.slug},2020-01-{1 + n % 28:02d}")
    text = "\n".join(lines) + "\n"
    started = time.perf_counter()
    report = roster.members_import(actor="bench", body=root, text=text)
    elapsed = time.perf_counter() - started
    print(f"import of {args.members:,} rows: {elapsed:.1f} s ({report.summary()})")
    started = time.perf_counter()
    again = roster.members_import(actor="bench", body=root, text=text)
    print(f"re-import (no change): {time.perf_counter() - started:.1f} s ({again.summary()})")

    officer = services.member_admit(
        actor="bench", email="officer@example.org", full_name="Officer", body=branches[0]
    )
    office = office_services.office_create(actor="bench", body=root, title="Secretary")
    office_services.term_record_founding(actor="bench", office=office, members=[officer])
    client = Client()
    client.force_login(officer.person)
    from newcourse.organisation.models import Member

    in_order = Member.objects.order_by("person__full_name", "person_id")
    page_500_ends = in_order.values_list("number", flat=True)[500 * 50 - 1]
    last_page = -(-in_order.count() // 50)
    pages = {
        "body page (international)": "/bodies/international/",
        "body page (region)": f"/bodies/{regions[0].slug}/",
        "member directory (international)": "/bodies/international/members/",
        "member directory, page 500": "/bodies/international/members/?page=500",
        "member directory, page 1000 (middle)": "/bodies/international/members/?page=1000",
        "member directory, last page": f"/bodies/international/members/?page={last_page}",
        "member directory, after page 500": (
            f"/bodies/international/members/?after={page_500_ends}"
        ),
        "member directory of a branch": f"/bodies/{branches[7].slug}/members/",
        "member directory search": "/bodies/international/members/?q=Member%2012345",
        "member directory search, 11,111 found": "/bodies/international/members/?q=Member%201",
        "member directory search, all found": "/bodies/international/members/?q=member",
    }
    for name, url in pages.items():
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:40} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
