"""Due process's pages: the body's figures and cases (linked from the body page), filing a
charge, and a case file only its parties and panel see."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from tests.discipline.steps import NOW

from newcourse.discipline.models import Case, Refusal
from newcourse.organisation.models import Body, Member, MemberStatus


def test_body_page_links_to_due_process(client: Client, region: Body, accused: Member) -> None:
    client.force_login(accused.person)

    page = client.get(reverse("body", args=[region.slug])).content.decode()

    assert reverse("cases", args=[region.slug]) in page


def test_charge_filed_from_page_opens_case_file(
    client: Client, region: Body, complainant: Member, accused: Member, panel: list[Member]
) -> None:
    client.force_login(complainant.person)

    response = client.post(
        reverse("case_file", args=[region.slug]),
        {"accused": accused.number, "clauses": "2.2", "facts": "Dues.", "evidence": "Bank."},
    )

    case = Case.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("case", args=[case.pk]),
    )


def test_charge_citing_tendency_clause_refused_on_page(
    client: Client, region: Body, complainant: Member, accused: Member, panel: list[Member]
) -> None:
    client.force_login(complainant.person)

    page = client.post(
        reverse("case_file", args=[region.slug]),
        {"accused": accused.number, "clauses": "10.1", "facts": "Joined.", "evidence": "List."},
    ).content.decode()

    assert "no charge may rest on them alone" in page
    assert (Case.objects.count(), Refusal.objects.count()) == (0, 1)


def test_case_file_shown_to_accused_with_reply_form(
    client: Client, file_charge: Callable[..., Case], accused: Member
) -> None:
    case = file_charge()
    client.force_login(accused.person)

    page = client.get(reverse("case", args=[case.pk])).content.decode()

    assert "The branch&#x27;s bank statements for March." in page
    assert reverse("case_act", args=[case.pk, "reply"]) in page


def test_case_file_not_found_for_other_member(
    client: Client,
    file_charge: Callable[..., Case],
    tree: dict[str, Body],
    make_member: Callable[..., Member],
) -> None:
    case = file_charge()
    client.force_login(make_member(tree["north"]).person)

    assert client.get(reverse("case", args=[case.pk])).status_code == 404


def test_reply_from_page_goes_in_case_file(
    client: Client, file_charge: Callable[..., Case], accused: Member
) -> None:
    case = file_charge()
    client.force_login(accused.person)

    client.post(reverse("case_act", args=[case.pk, "reply"]), {"statement": "I did not."})

    case.refresh_from_db()
    assert case.reply == "I did not."


def test_figures_page_shows_refused_charges(
    client: Client, file_charge: Callable[..., Case], region: Body, accused: Member
) -> None:
    file_charge()
    client.force_login(accused.person)

    page = client.get(reverse("cases", args=[region.slug])).content.decode()

    assert "Charges filed" in page
    assert "under clauses 2.2" in page


def test_panel_walks_hearing_and_decision_from_page(
    client: Client, heard_case: Case, panel: list[Member]
) -> None:
    client.force_login(panel[0].person)
    page = client.get(reverse("case", args=[heard_case.pk])).content.decode()
    assert reverse("case_act", args=[heard_case.pk, "decide"]) in page

    client.post(
        reverse("case_act", args=[heard_case.pk, "decide"]),
        {
            "outcome": "warning",
            "reasons": "Proved by the statements.",
            "votes_for": [str(m.pk) for m in panel[:3]],
        },
    )

    heard_case.refresh_from_db()
    assert (heard_case.status, heard_case.outcome) == ("decided", "warning")


def test_recused_vote_from_page_refused_with_message(
    client: Client, heard_case: Case, panel: list[Member]
) -> None:
    client.force_login(panel[0].person)

    response = client.post(
        reverse("case_act", args=[heard_case.pk, "decide"]),
        {"outcome": "warning", "reasons": "R.", "votes_for": [str(m.pk) for m in panel]},
        follow=True,
    )

    heard_case.refresh_from_db()
    assert heard_case.outcome == ""
    assert "Select a valid choice." in response.content.decode()


def test_step_not_in_the_list_not_found(
    client: Client, file_charge: Callable[..., Case], accused: Member
) -> None:
    case = file_charge()
    client.force_login(accused.person)

    assert client.post(reverse("case_act", args=[case.pk, "expel"])).status_code == 404


def test_whole_case_walked_from_pages_appeal_upheld_restores_member(
    client: Client,
    region: Body,
    complainant: Member,
    accused: Member,
    panel: list[Member],
    appeal_panel: list[Member],
) -> None:
    def as_member(member: Member, step: str, data: dict[str, object]) -> None:
        client.force_login(member.person)
        client.post(reverse("case_act", args=[case.pk, step]), data)

    client.force_login(complainant.person)
    client.post(
        reverse("case_file", args=[region.slug]),
        {"accused": accused.number, "clauses": "2.2", "facts": "Dues.", "evidence": "Bank."},
    )
    case = Case.objects.get()
    sitting = [str(m.pk) for m in panel[:3]]
    as_member(accused, "reply", {"statement": "I did not."})
    as_member(panel[0], "hearing", {"on": NOW.date().isoformat()})
    as_member(panel[0], "heard", {"notes": "Both heard."})
    as_member(panel[0], "suspend", {"days": "30", "reasons": "Risk.", "votes_for": sitting})
    as_member(
        panel[0], "decide", {"outcome": "expulsion", "reasons": "Proved.", "votes_for": sitting}
    )
    as_member(accused, "appeal", {"grounds": "The minutes show the vote."})
    as_member(
        appeal_panel[0],
        "decide-appeal",
        {"upheld": "yes", "reasons": "Not proved.", "votes_for": [str(m.pk) for m in appeal_panel]},
    )

    case.refresh_from_db()
    accused.refresh_from_db()
    assert (case.status, case.appeal_outcome, accused.status) == (
        "closed",
        "upheld",
        MemberStatus.ACTIVE,
    )


def test_dashboard_lists_cases_to_accused_and_panel_not_others(
    client: Client,
    file_charge: Callable[..., Case],
    accused: Member,
    panel: list[Member],
    tree: dict[str, Body],
    make_member: Callable[..., Member],
) -> None:
    case = file_charge()
    link = reverse("case", args=[case.pk])

    shown = []
    for member in (accused, panel[1], make_member(tree["north"])):
        client.force_login(member.person)
        shown.append(link in client.get(reverse("dashboard")).content.decode())

    assert shown == [True, True, False]
