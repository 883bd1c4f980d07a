"""The member directory's pages: name order, fifty at a time, walked from where a page ended.

Each rule is checked along both walks the directory can take (sorting the few members it
lists, or following the name index past everyone else), which must agree."""

import pytest
from django.db.models import Q
from django.urls import reverse

from newcourse.organisation import directory
from newcourse.organisation.access import access_member_directory_for_person
from newcourse.refusals import InvalidInput


@pytest.fixture(params=["few", "many"])
def walk(request, monkeypatch):
    """'many' makes every directory and every search count as large."""
    if request.param == "many":
        monkeypatch.setattr(directory, "FEW_LISTED", 0)
        monkeypatch.setattr(directory, "FEW_MATCHES", 0)
    return request.param


@pytest.fixture
def officer(tree, officer_of):
    return officer_of(tree["region"], branch=tree["north"])


@pytest.fixture
def region_members(tree, make_member, officer):
    """120 members across the region's two branches, with names that tie, and one elsewhere."""
    for n in range(60):
        make_member(tree["north"], name=f"Comrade {n % 45:02d}")
        make_member(tree["south"], name=f"Sister {n:02d}")
    make_member(tree["far"], name="Comrade Far")
    return access_member_directory_for_person(person=officer.person, body=tree["region"])


def expected_order(members):
    return list(members.order_by("person__full_name", "person_id").values_list("number", flat=True))


def numbers(page):
    return [m.number for m in page.members]


def walk_forward(members, body, query=""):
    page = directory.directory_page(members, body=body, query=query)
    seen = numbers(page)
    while page.next_after:
        page = directory.directory_page(members, body=body, query=query, after=page.next_after)
        seen += numbers(page)
    return seen, page


def test_directory_walked_forward_lists_everyone_once_in_name_order(walk, tree, region_members):
    seen, last = walk_forward(region_members, tree["region"])
    assert seen == expected_order(region_members)
    assert len(seen) == 121
    assert last.previous_before == seen[100]


def test_directory_walked_backward_lists_everyone_once_in_name_order(walk, tree, region_members):
    body = tree["region"]
    _seen, page = walk_forward(region_members, body)
    seen = numbers(page)
    while page.previous_before:
        page = directory.directory_page(region_members, body=body, before=page.previous_before)
        seen = numbers(page) + seen
    assert seen == expected_order(region_members)
    assert page.next_after == seen[49]


def test_directory_old_page_links_show_the_same_pages(walk, tree, region_members):
    order = expected_order(region_members)
    pages = [
        numbers(directory.directory_page(region_members, body=tree["region"], page=str(n)))
        for n in (1, 2, 3)
    ]
    assert pages == [order[0:50], order[50:100], order[100:121]]


def test_directory_old_page_link_beyond_the_end_shows_the_last_page(walk, tree, region_members):
    page = directory.directory_page(region_members, body=tree["region"], page="99")
    assert (page.number, page.pages, numbers(page)) == (3, 3, expected_order(region_members)[100:])


def test_directory_page_link_that_is_not_a_number_shows_the_first_page(walk, tree, region_members):
    page = directory.directory_page(region_members, body=tree["region"], page="two")
    assert (page.number, numbers(page)) == (1, expected_order(region_members)[:50])


def test_directory_page_knows_its_total_and_neighbours(walk, tree, region_members):
    page = directory.directory_page(region_members, body=tree["region"], page="2")
    order = expected_order(region_members)
    assert (page.total, page.pages, page.previous_before, page.next_after) == (
        121,
        3,
        order[50],
        order[99],
    )


@pytest.mark.parametrize(
    "query", ["comrade 1", "SISTER", "Region", "@example.org", "member3@", "zzz", "Sister 0"]
)
def test_directory_search_finds_what_the_plain_filter_finds(walk, tree, region_members, query):
    wanted = region_members.filter(
        Q(person__full_name__icontains=query) | Q(person__email__icontains=query) | Q(number=query)
    )
    seen, _last = walk_forward(region_members, tree["region"], query=query)
    assert seen == expected_order(wanted)


def test_directory_search_finds_a_member_by_exact_number(walk, tree, region_members):
    member = region_members.order_by("pk")[7]
    page = directory.directory_page(region_members, body=tree["region"], query=member.number)
    assert numbers(page) == [member.number]


def test_directory_search_never_reaches_beyond_the_body(walk, tree, region_members, make_member):
    make_member(tree["section"], name="Comrade Outside")
    seen, _last = walk_forward(region_members, tree["region"], query="outside")
    assert seen == []


def test_directory_place_of_a_member_outside_the_directory_is_refused(
    walk, tree, region_members, make_member
):
    outsider = make_member(tree["section"], name="Comrade Outside")
    with pytest.raises(InvalidInput, match="start again from the first page"):
        directory.directory_page(region_members, body=tree["region"], after=outsider.number)


def test_directory_page_after_a_malformed_place_says_so(client, officer, region_members):
    client.force_login(officer.person)
    response = client.get(reverse("directory", args=["region"]), {"after": "not a number!"})
    assert response.status_code == 400
    assert "start again from the first page" in response.content.decode()
    assert len(response.context["page"].members) == 50


def test_directory_next_link_keeps_the_search(client, officer, region_members):
    client.force_login(officer.person)
    response = client.get(reverse("directory", args=["region"]), {"q": "sister"})
    after = response.context["page"].next_after
    assert f'href="?q=sister&amp;after={after}"' in response.content.decode()
    following = client.get(reverse("directory", args=["region"]), {"q": "sister", "after": after})
    assert [m.person.full_name for m in following.context["page"].members] == [
        f"Sister {n:02d}" for n in range(50, 60)
    ]
