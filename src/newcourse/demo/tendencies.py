"""The demo's tendencies in the International: two declared, each with its platform and the
signatures the rulebook asks for, and a third still collecting. Signed through the real
services, so each act is on the open record with its count; the Glasgow member signed the
first, and sees their own signature on its page."""

from __future__ import annotations

from newcourse.organisation.models import Body, Member
from newcourse.tendencies import selectors, services
from newcourse.tendencies.models import Tendency

from .organisation import ROOT_SLUG

TENDENCIES = [
    (
        "Rank and File",
        "Every official elected, recallable and paid no more than the members they serve. "
        "Strike decisions taken by the members on strike, in open meetings. Our conference, "
        "not our executive, decides our policy.",
    ),
    (
        "Socialist Renewal",
        "Organise the unorganised: a recruitment drive in every casualised workplace, dues "
        "set as a share of pay, and a political fund answerable to the members who pay it.",
    ),
    (
        "Green Workers",
        "A just transition planned by the workers in the industries that must change, with "
        "no job lost before a better one is won.",
    ),
]


def tendencies_seed() -> list[Tendency]:
    root = Body.objects.get(slug=ROOT_SLUG)
    signers = list(
        Member.objects.within(root).in_good_standing().order_by("pk").select_related("body")
    )
    glasgow = Member.objects.get(person__email="member@glasgow.example")
    needed = selectors.threshold_for(root).needed
    # Different members for each, so that no one signs the three: a tendency is its members.
    pools = [
        [glasgow, *[m for m in signers[:needed] if m != glasgow][: needed - 1]],
        signers[needed : 2 * needed],
        signers[2 * needed : 2 * needed + 3],
    ]
    made = []
    for (name, platform), pool in zip(TENDENCIES, pools, strict=True):
        tendency = services.tendency_propose(
            member=pool[0], body=root, name=name, platform=platform
        )
        for member in pool[1:]:
            services.tendency_sign(member=member, tendency=tendency)
        made.append(tendency)
    return made
