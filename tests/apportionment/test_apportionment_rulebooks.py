"""Real rulebooks and the textbook examples, with the seats their authors give."""

from __future__ import annotations

from fractions import Fraction

from newcourse.apportionment import Apportion, Bands, PerMembers, entitlement, parse_rule


def test_unison_one_per_thousand_or_part() -> None:
    """UNISON: one delegate per 1,000 members or part thereof (the branch representation
    rule quoted in issue 13), so 1,000 members send one and 1,001 send two."""
    rule = parse_rule('method = "per-members"\nper = 1000\nrounding = "up"\n')
    table = entitlement(
        {"Small": 1, "Exact": 1000, "Just over": 1001, "Large": 12_345, "Empty": 0}, rule
    )
    assert table.delegates == {"Small": 1, "Exact": 1, "Just over": 2, "Large": 13, "Empty": 0}
    assert table.total == 17


def test_dsa_2023_one_per_75_nearest_minimum_one() -> None:
    """DSA 2023 National Convention: one delegate per 75 members in good standing, rounded to
    the nearest whole number, every chapter at least one (as quoted in issue 13); 37.5
    members is a half and rounds up."""
    rule = parse_rule('method = "per-members"\nper = 75\nrounding = "nearest"\nminimum = 1\n')
    table = entitlement({"Tiny": 10, "Below half": 112, "Half": 150 + 37, "Big": 1700}, rule)
    # 10/75 = 0.13 -> 0, raised to 1; 112/75 = 1.49 -> 1; 187/75 = 2.49 -> 2; 1700/75 = 22.67 -> 23
    assert table.delegates == {"Tiny": 1, "Below half": 1, "Half": 2, "Big": 23}
    halves = entitlement({"A": 75 // 2 + 1, "B": 112 + 1}, PerMembers(75, "nearest", minimum=1))
    assert halves.delegates == {"A": 1, "B": 2}  # 38/75 = 0.507; 113/75 = 1.507


def test_dsa_half_quotient_rounds_up() -> None:
    """ "Nearest" rounds a half up: 150 members at one per 100 is 1.5, two delegates."""
    table = entitlement({"Half": 150, "Quarter": 125}, PerMembers(100, "nearest"))
    assert table.delegates == {"Half": 2, "Quarter": 1}
    assert table.rows[0].quotient == Fraction(3, 2)


def test_labour_clp_bands_first_749_then_250_at_most_six() -> None:
    """UK Labour Party Rule Book, annual conference: a CLP sends one delegate for the first 749
    members or part, one more for each further 250 or part, at most six (as in issue 13)."""
    rule = parse_rule('method = "bands"\nfirst = 749\nevery = 250\nmaximum = 6\n')
    table = entitlement(
        {"a": 1, "b": 749, "c": 750, "d": 999, "e": 1000, "f": 1999, "g": 2000, "h": 9000},
        rule,
    )
    assert table.delegates == {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3, "f": 6, "g": 6, "h": 6}
    assert table.rows[4].rounding == "1 for the first 749 + 2 for 251 more = 3"


# DIE LINKE members by Landesverband at the end of 2023, as published by the party
# (die-linke.de, "Mitgliederzahlen", quoted in a table by demokratisch-links.de, 20 April 2024);
# total 50,251.
LINKE_2023 = {
    "Baden-Württemberg": 3500,
    "Bayern": 2625,
    "Berlin": 7178,
    "Brandenburg": 4146,
    "Bremen": 705,
    "Hamburg": 1671,
    "Hessen": 3080,
    "Mecklenburg-Vorpommern": 2484,
    "Niedersachsen": 2660,
    "Nordrhein-Westfalen": 6937,
    "Rheinland-Pfalz": 1313,
    "Saarland": 1154,
    "Sachsen": 6098,
    "Sachsen-Anhalt": 2511,
    "Schleswig-Holstein": 1005,
    "Thüringen": 3184,
}


def test_die_linke_500_seats_in_pairs_by_adams() -> None:
    """DIE LINKE Bundessatzung: the 500 party-conference seats of the Länder are shared in
    pairs by Adams (issue 13), over the 16 Landesverbände's end-2023 memberships (source in
    LINKE_2023).  Hand check: with 207 members per pair every quotient rounded up gives these
    pairs (Mecklenburg-Vorpommern 2484/207 = 12 exactly) and they add up to 250."""
    rule = parse_rule('method = "apportion"\nseats = 500\ndivisor = "adams"\nin_pairs = true\n')
    table = entitlement(LINKE_2023, rule)
    assert table.delegates == {
        "Baden-Württemberg": 34,
        "Bayern": 26,
        "Berlin": 70,
        "Brandenburg": 42,
        "Bremen": 8,
        "Hamburg": 18,
        "Hessen": 30,
        "Mecklenburg-Vorpommern": 24,
        "Niedersachsen": 26,
        "Nordrhein-Westfalen": 68,
        "Rheinland-Pfalz": 14,
        "Saarland": 12,
        "Sachsen": 60,
        "Sachsen-Anhalt": 26,
        "Schleswig-Holstein": 10,
        "Thüringen": 32,
    }
    assert table.total == 500
    assert table.divisor == 207
    assert all(-(-v // 207) * 2 == table.delegates[b] for b, v in LINKE_2023.items())


def test_hare_alabama_paradox_one_more_seat_costs_a_seat() -> None:
    """The Alabama paradox, textbook form (e.g. Balinski & Young, Fair Representation; the
    Wikipedia "Apportionment paradox" example): populations 6, 6, 2 give 4, 4, 2 of 10 seats
    by largest remainder, but 5, 5, 1 of 11."""
    members = {"A": 6, "B": 6, "C": 2}
    assert entitlement(members, Apportion(10, "hare")).delegates == {"A": 4, "B": 4, "C": 2}
    assert entitlement(members, Apportion(11, "hare")).delegates == {"A": 5, "B": 5, "C": 1}


WORKED = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


def test_dhondt_worked_example_eight_seats() -> None:
    """The standard D'Hondt worked example (Wikipedia "D'Hondt method"): 100,000, 80,000,
    30,000 and 20,000 votes for 8 seats give 4, 3, 1, 0; the last seat goes at 25,000."""
    table = entitlement(WORKED, Apportion(8, "dhondt"))
    assert table.delegates == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert table.divisor == 25_000


def test_sainte_lague_worked_example_eight_seats() -> None:
    """The same votes by Sainte-Laguë (Wikipedia "Sainte-Laguë method"): 3, 3, 1, 1."""
    table = entitlement(WORKED, Apportion(8, "sainte-lague"))
    assert table.delegates == {"A": 3, "B": 3, "C": 1, "D": 1}


def test_hare_worked_example_eight_seats() -> None:
    """By largest remainder: quota 28,750; whole parts 3, 2, 1, 0 and the two remainder seats
    to B (0.78) and D (0.70) rather than A (0.48) or C (0.04)."""
    table = entitlement(WORKED, Apportion(8, "hare"))
    assert table.delegates == {"A": 3, "B": 3, "C": 1, "D": 1}
    assert table.divisor == 28_750
    assert [row.rounding for row in table.rows] == [
        "whole 3",
        "whole 2 + 1 for the remainder",
        "whole 1",
        "whole 0 + 1 for the remainder",
    ]


def test_adams_gives_every_branch_with_members_a_seat() -> None:
    """Adams: the smallest branch is sure of a seat before the largest gets its second."""
    table = entitlement({"Big": 1_000_000, "Small": 1, "None": 0}, Apportion(2, "adams"))
    assert table.delegates == {"Big": 1, "Small": 1, "None": 0}


def test_bands_first_seats_and_no_members() -> None:
    """A rule giving two seats for the first band; a branch with no members sends nobody."""
    table = entitlement({"a": 0, "b": 10, "c": 11}, Bands(first=10, every=5, first_seats=2))
    assert table.delegates == {"a": 0, "b": 2, "c": 3}


def test_per_members_base_minimum_maximum() -> None:
    """Base seats are added before the minimum and maximum apply."""
    rule = PerMembers(per=100, rounding="down", base=1, minimum=3, maximum=5)
    table = entitlement({"a": 50, "b": 250, "c": 10_000}, rule)
    assert table.delegates == {"a": 3, "b": 3, "c": 5}
    assert table.rows[0].rounding == "down 0, + base 1 = 1, raised to minimum 3"
    assert table.rows[2].rounding == "down 100, + base 1 = 101, capped at maximum 5"
