"""The demo organisation: an international, two sections, four regions, eight branches, about
three hundred members with their histories, and the officers the demo logins play.

Drawn from the random generator `demo_seed` passes in, so that every run builds the same
people, histories and record. Only the demo logins get passwords (hashing three hundred of them
would make the first start slow for nothing).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from newcourse import rulebook
from newcourse.offices import services as office_services
from newcourse.organisation import services
from newcourse.organisation.models import Body, Member, MemberStatus, Standing
from newcourse.organisation.officers import Power
from newcourse.rules import services as rules_services

DEMO_PASSWORD = "solidarity-forever"  # noqa: S105 - printed for the demo on purpose
ROOT_SLUG = "international"
FOUNDED_ON = datetime.date(2016, 1, 1)

TREE = {
    "British Section": {
        "Scotland": ["Glasgow", "Edinburgh"],
        "North of England": ["Manchester", "Leeds"],
    },
    "Section française": {
        "Île-de-France": ["Paris Nord", "Paris Sud"],
        "Occitanie": ["Toulouse", "Montpellier"],
    },
}
FIRST = {
    "British Section": [
        "Aisha",
        "Alasdair",
        "Amira",
        "Callum",
        "Catriona",
        "Chloe",
        "Connor",
        "Deborah",
        "Eilidh",
        "Fraser",
        "Grace",
        "Hamish",
        "Imran",
        "Isla",
        "Jamal",
        "Kirsty",
        "Liam",
        "Mhairi",
        "Nadia",
        "Owen",
        "Priya",
        "Rhona",
        "Sean",
        "Siobhan",
        "Tariq",
        "Yusuf",
        "Zoe",
        "Bridget",
        "Duncan",
    ],
    "Section française": [
        "Amélie",
        "Antoine",
        "Baptiste",
        "Camille",
        "Chloé",
        "Djamel",
        "Élise",
        "Fatou",
        "Hugo",
        "Inès",
        "Jules",
        "Karim",
        "Léa",
        "Louise",
        "Malik",
        "Manon",
        "Mathis",
        "Nour",
        "Océane",
        "Rémi",
        "Sofiane",
        "Thérèse",
        "Yasmine",
        "Zoé",
        "Gaspard",
        "Margaux",
        "Samir",
        "Agathe",
    ],
}
LAST = {
    "British Section": [
        "MacDonald",
        "Campbell",
        "Stewart",
        "Robertson",
        "Thomson",
        "Anderson",
        "Ahmed",
        "Khan",
        "Murray",
        "Reid",
        "Clark",
        "Ross",
        "Walker",
        "Young",
        "Mitchell",
        "Patel",
        "Kaur",
        "Hughes",
        "Evans",
        "O'Neill",
        "Fraser",
        "Begum",
        "Kennedy",
        "Boyle",
        "Quinn",
        "Sutherland",
    ],
    "Section française": [
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Benali",
        "Mercier",
        "Diallo",
        "Fontaine",
        "Chevalier",
        "Rousseau",
        "Blanc",
        "Garnier",
        "Haddad",
        "Lambert",
        "Faure",
        "Girard",
        "Traoré",
        "Morel",
        "Nguyen",
    ],
}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str


def demo_logins() -> list[DemoLogin]:
    return [
        DemoLogin("secretary@international.example", "General secretary of the International"),
        DemoLogin(
            "secretary@glasgow.example",
            "Secretary of Glasgow branch, and its returning officer (credential authority)",
        ),
        DemoLogin(
            "member@glasgow.example",
            "A member of Glasgow branch, on Congress 2027's standing orders committee, and "
            "Glasgow's delegate to it",
        ),
    ]


def demo_exists() -> bool:
    return Body.objects.filter(slug=ROOT_SLUG).exists()


def _demo_rulebook() -> str:
    """The trade union model, its floor's numbers made for a congress of eight delegates: two
    of them demand a card vote, two women the women's vote (the model's ten suit hundreds)."""
    text = rulebook.model_text("trade-union", "en")
    text = rulebook.set_parameter(text, "conference.card_vote_demand", "2")
    return rulebook.set_parameter(text, "conference.womens_vote_demand", "2")


def organisation_seed(rng: random.Random, *, members_per_branch: int) -> None:
    """The bodies, the demo logins with their offices, and the members with their histories."""
    actor = "system:demo"
    # Founded on the trade union model rulebook, in force since the organisation began.
    root = rules_services.organisation_found(
        actor=actor,
        name="New Course International",
        kind="International",
        slug=ROOT_SLUG,
        text=_demo_rulebook(),
        source="model:trade-union.en",
        effective_on=FOUNDED_ON,
    )
    branches: list[tuple[Body, str]] = []
    for section_name, regions in TREE.items():
        section = services.body_create(actor=actor, name=section_name, kind="Section", parent=root)
        for region_name, branch_names in regions.items():
            region = services.body_create(
                actor=actor, name=region_name, kind="Region", parent=section
            )
            for branch_name in branch_names:
                branch = services.body_create(
                    actor=actor, name=branch_name, kind="Branch", parent=region
                )
                branches.append((branch, section_name))

    glasgow = Body.objects.get(slug="glasgow")
    named = [
        ("secretary@international.example", "Rosa Lindqvist", glasgow),
        ("secretary@glasgow.example", "Mhairi MacLeod", glasgow),
        ("member@glasgow.example", "Tommy Sheridan-Hughes", glasgow),
    ]
    start = FOUNDED_ON
    for email, name, branch in named:
        member = services.member_admit(
            actor=actor, email=email, full_name=name, body=branch, joined_on=start
        )
        member.person.set_password(DEMO_PASSWORD)
        member.person.save(update_fields=["password"])
    general_secretary = office_services.office_create(
        actor=actor,
        body=root,
        title="General secretary",
        powers=[Power.REGISTER, Power.OFFICES],
    )
    office_services.term_record_founding(
        actor=actor,
        office=general_secretary,
        members=[Member.objects.get(person__email="secretary@international.example")],
        began_on=datetime.date(2025, 5, 1),
    )
    branch_secretary = office_services.office_create(
        actor=actor,
        body=glasgow,
        title="Branch secretary",
        powers=[Power.REGISTER, Power.OFFICES],
    )
    office_services.term_record_founding(
        actor=actor,
        office=branch_secretary,
        members=[Member.objects.get(person__email="secretary@glasgow.example")],
        began_on=datetime.date(2025, 3, 1),
    )

    used: set[str] = set()
    all_members: list[Member] = []
    for branch, section_name in branches:
        for _ in range(members_per_branch):
            while True:
                first, last = rng.choice(FIRST[section_name]), rng.choice(LAST[section_name])
                full_name = f"{first} {last}"
                if full_name not in used:
                    used.add(full_name)
                    break
            email = (
                f"{first}.{last}".lower()
                .replace("'", "")
                .replace(" ", "")
                .encode("ascii", "ignore")
                .decode()
                + "@members.example"
            )
            joined = start + datetime.timedelta(days=rng.randrange(0, 3500))
            all_members.append(
                services.member_admit(
                    actor=actor, email=email, full_name=full_name, body=branch, joined_on=joined
                )
            )

    # Histories: transfers, arrears, lapses, resignations, one expulsion with its reason.
    branch_bodies = [b for b, _ in branches]
    for member in rng.sample(all_members, 24):
        target = rng.choice([b for b in branch_bodies if b.pk != member.body_id])
        services.member_transfer(
            actor=actor,
            member=member,
            to_body=target,
            effective_on=member.joined_on + datetime.timedelta(days=400),
            reason="Moved for work",
        )
    still_current = list(
        Member.objects.current().filter(person__email__endswith="@members.example").order_by("pk")
    )
    rng.shuffle(still_current)
    for member in still_current[:30]:
        services.member_set_standing(
            actor=actor,
            member=member,
            standing=Standing.ARREARS,
            effective_on=datetime.date(2026, 6, 30),
            reason="Dues three months late",
        )
    changes = [
        (15, MemberStatus.LAPSED, datetime.date(2025, 12, 31), "Dues unpaid for a year"),
        (7, MemberStatus.RESIGNED, datetime.date(2026, 2, 14), "Resigned by letter"),
        (2, MemberStatus.SUSPENDED, datetime.date(2025, 9, 1), "Pending a disputes hearing"),
    ]
    first = 30
    for count, status, on, reason in changes:
        for member in still_current[first : first + count]:
            services.member_change_status(
                # The history before New Course: the disputes committee's decisions.
                sanction="disputes committee, 2025" if status == MemberStatus.SUSPENDED else "",
                actor=actor,
                member=member,
                status=status,
                effective_on=on,
                reason=reason,
            )
        first += count
    services.member_change_status(
        sanction="disputes committee, 2025",
        actor=actor,
        member=Member.objects.get(pk=still_current[52].pk),
        status=MemberStatus.EXPELLED,
        effective_on=datetime.date(2025, 11, 20),
        reason="Crossed a picket line during the 2025 strike; upheld by the disputes committee",
    )
