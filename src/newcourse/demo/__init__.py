"""The demo: a federated organisation with members, histories, a filled record, elections of
every kind and Glasgow's tellers, seeded through the same services a real organisation uses.

Not an app (it has no models): like `newcourse.web` it sits above the apps and calls their
services. `newcourse demo` seeds it once and prints `demo_logins()` and `verifiable_notes()`.

    organisation  the bodies, the people and their histories, the demo logins
    rules         the rulebook's rule changes and Glasgow branch's standing orders
    elections     the elections, the recall petition, the verifiable elections
    tellers       tellers and voters played in this process, through the real paths
    tendencies    two declared tendencies with their platforms, and one collecting signatures
    discipline    the disputes panels, a case heard and dismissed, a charge refused at filing
    actions       the actions the Special Congress's decisions ask for, one in each status
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from newcourse.record import witnesses

from .actions import actions_seed
from .conferences import conferences_seed
from .discipline import discipline_seed
from .elections import elections_seed, verifiable_notes
from .organisation import DEMO_PASSWORD, DemoLogin, demo_exists, demo_logins, organisation_seed
from .rules import rules_seed
from .tendencies import tendencies_seed

__all__ = [
    "DEMO_PASSWORD",
    "DemoLogin",
    "demo_exists",
    "demo_logins",
    "demo_seed",
    "verifiable_notes",
]


@transaction.atomic
def demo_seed(*, seed: int = 1917, members_per_branch: int = 37) -> None:
    """Build the demo organisation and its elections unless they are already there. The same
    `seed` builds the same people, histories and record every time."""
    if demo_exists():
        return
    rng = random.Random(seed)  # noqa: S311 - a reproducible demo, not a secret
    organisation_seed(rng, members_per_branch=members_per_branch)
    rules_seed(rng)
    conferences_seed()
    elections_seed(rng)
    tendencies_seed()
    discipline_seed()
    actions_seed()
    record_witnesses_seed()


def record_witnesses_seed() -> None:
    """The Glasgow member keeps copies of the record's head: the tick mails them the signed
    head whenever it moves."""
    person = get_user_model().objects.get(email="member@glasgow.example")
    witnesses.subscription_start(person=person)
