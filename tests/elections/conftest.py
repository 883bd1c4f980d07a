import datetime

import pytest
from django.utils import timezone

from newcourse.elections import services
from newcourse.elections.models import Election
from newcourse.offices import services as office_services


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def office(tree):
    return office_services.office_create(
        actor="system:test", body=tree["region"], title="Committee", kind="committee", seats=2
    )


@pytest.fixture
def election(office, now) -> Election:
    """An election whose nominations are open now; voting opens in a day, for a day."""
    hour = datetime.timedelta(hours=1)
    election = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - hour,
        nominations_close_at=now + 24 * hour,
        voting_opens_at=now + 24 * hour,
        voting_closes_at=now + 48 * hour,
    )
    return services.election_advance(election=election, now=now)


@pytest.fixture
def electorate(tree, make_member):
    """Six members of the region's branches."""
    return [make_member(tree["north" if n % 2 else "south"], name=f"Voter {n}") for n in range(6)]


@pytest.fixture
def standing(election, electorate, now):
    """Three standing candidates: Voter 0, 1 and 2, each nominated, seconded and accepted."""
    candidates = []
    for n in range(3):
        candidate = services.candidate_nominate(
            nominator=electorate[3], election=election, candidate=electorate[n], now=now
        )
        services.candidate_second(seconder=electorate[4], candidate=candidate, now=now)
        candidates.append(
            services.candidate_accept(
                member=electorate[n], candidate=candidate, statement=f"I am {n}", now=now
            )
        )
    return candidates


@pytest.fixture
def voting(election, standing, now):
    """The election with voting open: `now` moved a day and a bit on."""
    later = now + datetime.timedelta(hours=25)
    return services.election_advance(election=election, now=later), later
