import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newcourse.organisation.models import Member


@pytest.fixture
def member_client(client, tree, make_member):
    member = make_member(tree["north"], name="Plain Member")
    client.force_login(member.person)
    return client


@pytest.fixture
def officer_client(client, tree, officer_of):
    officer = officer_of(tree["region"], branch=tree["north"])
    client.force_login(officer.person)
    return client


def test_dashboard_requires_login(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_dashboard_lists_member_bodies(member_client):
    response = member_client.get(reverse("dashboard"))
    assert [b.slug for b in response.context["bodies"]] == [
        "international",
        "section",
        "region",
        "north",
    ]


def test_body_page_shows_sub_bodies_and_counts(member_client, tree, make_member):
    make_member(tree["south"])
    response = member_client.get(reverse("body", args=["region"]))
    assert response.status_code == 200
    assert response.context["member_total"] == 2
    assert [(s.body.slug, s.members) for s in response.context["children"]] == [
        ("north", 1),
        ("south", 1),
    ]
    assert b"Member directory" not in response.content


def test_body_page_of_sibling_branch_is_not_found(member_client):
    assert member_client.get(reverse("body", args=["south"])).status_code == 404


def test_body_page_query_count_does_not_grow_with_members(member_client, tree, make_member):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            member_client.get(reverse("body", args=["international"]))
        return len(captured)

    before = queries()
    for _ in range(20):
        make_member(tree["south"])
    assert queries() == before


def test_directory_is_not_found_for_plain_member(member_client):
    assert member_client.get(reverse("directory", args=["north"])).status_code == 404


def test_directory_lists_and_searches_for_officer(officer_client, tree, make_member):
    make_member(tree["south"], name="Findable Person")
    response = officer_client.get(reverse("directory", args=["region"]), {"q": "findable"})
    assert [m.person.full_name for m in response.context["page"].members] == ["Findable Person"]


def test_directory_search_answers_htmx_with_fragment(officer_client):
    response = officer_client.get(
        reverse("directory", args=["region"]), {"q": "zzzz"}, HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in response.content
    assert b"No member matches" in response.content


def test_directory_page_and_fragment_both_vary_on_htmx_headers(officer_client):
    url = reverse("directory", args=["region"])

    page = officer_client.get(url, {"q": "zzzz"})
    fragment = officer_client.get(url, {"q": "zzzz"}, HTTP_HX_REQUEST="true")

    assert (b"<html" in page.content, b"<html" in fragment.content) == (True, False)
    assert page.content != fragment.content
    for response in (page, fragment):
        varies = {h.strip().lower() for h in response["Vary"].split(",")}
        assert {"hx-request", "hx-history-restore-request"} <= varies


def test_directory_answers_htmx_history_restore_with_the_page(officer_client):
    response = officer_client.get(
        reverse("directory", args=["region"]),
        {"q": "zzzz"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )

    assert b"<html" in response.content
    assert b"No member matches" in response.content


def test_member_admit_page_admits(officer_client, tree):
    response = officer_client.post(
        reverse("member_admit", args=["region"]),
        {
            "full_name": "New Comrade",
            "email": "new@example.org",
            "branch": tree["south"].pk,
            "joined_on": "2024-02-02",
        },
    )
    member = Member.objects.get(person__email="new@example.org")
    assert response.status_code == 302
    assert member.body == tree["south"]


def test_member_admit_page_shows_duplicate_email(officer_client, tree, make_member):
    make_member(tree["north"], email="taken@example.org")
    response = officer_client.post(
        reverse("member_admit", args=["region"]),
        {
            "full_name": "X",
            "email": "taken@example.org",
            "branch": tree["south"].pk,
            "joined_on": "2024-02-02",
        },
    )
    assert response.status_code == 200
    assert b"already a member" in response.content


def test_member_page_refuses_stale_transfer(officer_client, tree, make_member):
    member = make_member(tree["north"])
    url = reverse("member", args=["region", member.number])
    officer_client.post(
        url,
        {
            "action": "standing",
            "standing-standing": "arrears",
            "standing-effective_on": "2024-01-01",
            "standing-version": member.version,
        },
    )
    response = officer_client.post(
        url,
        {
            "action": "transfer",
            "transfer-to_body": tree["south"].pk,
            "transfer-effective_on": "2024-01-01",
            "transfer-version": member.version,
        },
    )
    assert response.status_code == 200
    assert b"changed by someone else" in response.content
    member.refresh_from_db()
    assert (member.body, member.standing) == (tree["north"], "arrears")


def test_member_page_outside_officer_body_is_not_found(officer_client, tree, make_member):
    far = make_member(tree["far"])
    assert officer_client.get(reverse("member", args=["region", far.number])).status_code == 404


def test_import_page_reports_bad_rows(officer_client):
    upload = SimpleUploadedFile("r.csv", b"email,full_name,branch\nbad,X,north\n", "text/csv")
    response = officer_client.post(reverse("members_import", args=["region"]), {"file": upload})
    assert response.status_code == 200
    assert [p.line for p in response.context["problems"]] == [2]
    assert Member.objects.filter(person__email="bad").count() == 0


def test_import_page_refuses_non_utf8(officer_client):
    upload = SimpleUploadedFile("r.csv", "email,full_name\né@x.org,É\n".encode("latin-1"))
    response = officer_client.post(reverse("members_import", args=["region"]), {"file": upload})
    assert b"not UTF-8" in response.content


def test_import_page_imports(officer_client):
    upload = SimpleUploadedFile("r.csv", b"email,full_name,branch\nok@example.org,Ok,south\n")
    response = officer_client.post(reverse("members_import", args=["region"]), {"file": upload})
    assert response.context["report"].admitted == 1


def test_export_streams_csv_for_officer(officer_client, tree, make_member):
    make_member(tree["south"], name="Exported")
    response = officer_client.get(reverse("members_export", args=["region"]))
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("number,email")
    assert "Exported" in body


def test_record_page_lists_body_tree_entries(member_client):
    response = member_client.get(reverse("body_record", args=["region"]))
    actions = {e.action for e in response.context["page"].object_list}
    assert actions == {"body.created", "member.admitted"}


def test_profile_shows_history(member_client):
    response = member_client.get(reverse("profile"))
    assert [e.kind for e in response.context["history"]] == ["joined"]
