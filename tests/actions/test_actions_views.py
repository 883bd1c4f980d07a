"""The pages: a body's decisions and actions (linked from the body page), with overdue marked;
an action's page with its history, the update form for its owner only and the drop form for
the body's officers; the report as a page and as text; in French too."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from newcourse.actions import services
from newcourse.actions.models import Action, ActionStatus

DAY = datetime.timedelta(days=1)


def overdue(create, north) -> Action:
    """An action whose due date passed: created a week ago, due three days ago."""
    now = timezone.now() - 7 * DAY
    return create(due_on=timezone.localdate(now) + 4 * DAY, now=now)


def test_body_page_links_to_its_decisions_and_actions(client, tree, member) -> None:
    client.force_login(member.person)
    page = client.get(reverse("body", args=[tree["international"].slug])).content.decode()
    assert reverse("actions", args=[tree["international"].slug]) in page


def test_a_member_sees_the_actions_with_the_overdue_one_marked(
    client, create, tree, member, north
) -> None:
    overdue(create, north)
    create(task="Not due yet.", due_on=timezone.localdate() + 9 * DAY)
    client.force_login(member.person)

    page = client.get(reverse("actions", args=[tree["international"].slug])).content.decode()

    assert "Write to every branch about the pay campaign." in page
    assert "Not due yet." in page
    assert page.count("Overdue") == 1
    assert "Record an action" not in page


def test_the_owner_sees_the_update_form_and_a_member_does_not(
    client, create, north, member
) -> None:
    action = create()

    client.force_login(north.person)
    as_owner = client.get(action.get_absolute_url()).content.decode()
    client.force_login(member.person)
    as_member = client.get(action.get_absolute_url()).content.decode()

    assert reverse("action_update", args=[action.pk]) in as_owner
    assert reverse("action_update", args=[action.pk]) not in as_member
    assert reverse("action_drop", args=[action.pk]) not in as_owner + as_member


def test_the_owner_updates_from_the_page_and_the_history_shows_it(client, create, north) -> None:
    action = create()
    client.force_login(north.person)

    response = client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "in-progress", "note": "Letters drafted."},
    )
    page = client.get(action.get_absolute_url()).content.decode()

    action.refresh_from_db()
    assert (response.status_code, action.status) == (302, ActionStatus.IN_PROGRESS)
    assert "Letters drafted." in page


def test_a_member_posting_an_update_is_refused_with_the_reason(client, create, member) -> None:
    action = create()
    client.force_login(member.person)

    response = client.post(
        reverse("action_update", args=[action.pk]), {"status": "done"}, follow=True
    )

    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    assert "Only the action&#x27;s owner" in response.content.decode()


def test_an_officer_drops_by_a_later_decision_from_the_page(
    client, create, secretary, decisions
) -> None:
    action = create()
    client.force_login(secretary.person)

    page = client.get(action.get_absolute_url()).content.decode()
    client.post(reverse("action_drop", args=[action.pk]), {"decision": decisions["later"].pk})

    action.refresh_from_db()
    assert reverse("action_drop", args=[action.pk]) in page
    assert (action.status, action.dropped_by) == (ActionStatus.DROPPED, decisions["later"])


def test_an_officer_records_an_action_from_the_page(
    client, tree, secretary, decisions, north_secretary_office
) -> None:
    client.force_login(secretary.person)

    response = client.post(
        reverse("action_create", args=[tree["international"].slug]),
        {
            "decision": decisions["carried"].pk,
            "task": "Print the leaflet.",
            "owner": f"office:{north_secretary_office.pk}",
            "due_on": "",
        },
    )

    action = Action.objects.get()
    assert (response.status_code, response["Location"]) == (302, action.get_absolute_url())
    assert (action.task, action.owner_office) == ("Print the leaflet.", north_secretary_office)


def test_the_lost_decision_is_not_offered_and_a_member_is_refused(
    client, tree, member, decisions, north_secretary_office
) -> None:
    client.force_login(member.person)
    url = reverse("action_create", args=[tree["international"].slug])

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "decision": decisions["carried"].pk,
            "task": "Print the leaflet.",
            "owner": f"office:{north_secretary_office.pk}",
        },
    )

    assert f'value="{decisions["lost"].pk}"' not in form
    assert f'value="{decisions["carried"].pk}"' in form
    assert "Only the officers of International" in response.content.decode()
    assert Action.objects.count() == 0


def test_the_report_as_a_page_and_as_text(client, create, tree, member, north) -> None:
    action = overdue(create, north)
    services.action_update(
        person=north.person, member=north, action=action, status="in-progress", note="Half."
    )
    client.force_login(member.person)
    url = reverse("action_report", args=[tree["international"].slug])

    page = client.get(url).content.decode()
    text = client.get(url, {"format": "text"})

    assert 'id="report"' in page
    assert "Half." in page
    assert text["Content-Type"].startswith("text/plain")
    assert f"#{action.pk} [in-progress OVERDUE]" in text.content.decode()


def test_the_pages_render_in_french(client, create, tree, north) -> None:
    action = overdue(create, north)
    client.force_login(north.person)

    listing = client.get(
        reverse("actions", args=[tree["international"].slug]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    page = client.get(action.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Décisions et actions" in listing
    assert "En retard" in listing
    assert "Votre mise à jour" in page


def test_a_branch_page_lists_what_it_carries_out(client, create, tree, north) -> None:
    create(task="North writes the letters.")
    client.force_login(north.person)

    page = client.get(reverse("actions", args=[tree["north"].slug])).content.decode()
    report = client.get(reverse("action_report", args=[tree["north"].slug]), {"owned": "1"})

    assert "What this body carries out" in page
    assert "North writes the letters." in page
    assert "North writes the letters." in report.content.decode()
