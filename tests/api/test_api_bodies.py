from newcourse.offices import services as office_services


def test_bodies_lists_branch_and_bodies_above(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/")
    assert response.json() == {
        "bodies": [
            {"slug": "international", "name": "International", "kind": "International"},
            {"slug": "section", "name": "Section", "kind": "Section"},
            {"slug": "region", "name": "Region", "kind": "Region"},
            {"slug": "north", "name": "North", "kind": "Branch"},
        ]
    }


def test_body_detail_gives_children_counts_and_office_holders(as_member, electorate, officer_term):
    office_services.office_create(
        actor="system:test", body=officer_term.office.body, title="Auditor"
    )
    response = as_member(electorate[1]).get("/api/v1/bodies/region/")
    assert response.status_code == 200
    data = response.json()
    assert (data["slug"], data["parent"], data["members"]) == ("region", "section", 6)
    assert data["children"] == [
        {"slug": "north", "name": "North", "kind": "Branch", "members": 3},
        {"slug": "south", "name": "South", "kind": "Branch", "members": 3},
    ]
    assert [(o["title"], [h["name"] for h in o["holders"]]) for o in data["offices"]] == [
        ("Auditor", []),
        ("Treasurer", ["Voter 0"]),
    ]
    assert data["offices"][1]["holders"][0]["term"] == officer_term.pk


def test_body_detail_of_sibling_branch_is_not_found(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/south/")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such body, or you are not a member of it."


def test_body_detail_of_missing_body_gives_same_answer(as_member, electorate):
    response = as_member(electorate[1]).get("/api/v1/bodies/atlantis/")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such body, or you are not a member of it."


def test_office_detail_gives_rules_holders_and_elections(as_member, electorate, officer_term):
    response = as_member(electorate[1]).get(f"/api/v1/offices/{officer_term.office_id}/")
    assert response.status_code == 200
    data = response.json()
    assert (data["title"], data["body"]["slug"], data["method"]) == ("Treasurer", "region", "irv")
    assert (data["rules"]["recall_threshold"], data["rules"]["rulebook_version"]) == ("40%", 1)
    assert [h["name"] for h in data["holders"]] == ["Voter 0"]
    assert (data["elections"], data["petitions"]) == ([], [])


def test_office_detail_outside_caller_bodies_is_not_found(as_member, tree, make_member, office):
    outsider = make_member(tree["far"])
    response = as_member(outsider).get(f"/api/v1/offices/{office.pk}/")
    missing = as_member(outsider).get("/api/v1/offices/999999/")
    assert (response.status_code, missing.status_code) == (404, 404)
    assert response.json() == missing.json()
    assert response.json()["detail"] == "There is no such office, or it is not open to you."


def test_body_detail_lists_its_tellers_office_as_described(as_member, electorate, tellers):
    # The description's office kinds once left out "tellers"; every response is checked
    # against it (tests/api/conftest.py), so this one would fail again.
    response = as_member(electorate[1]).get("/api/v1/bodies/region/")
    assert [(o["title"], o["kind"], o["seats"]) for o in response.json()["offices"]] == [
        ("Tellers", "tellers", 5)
    ]


def test_offices_say_what_their_officers_may_do(as_member, electorate, tellers, tree):
    office_services.office_create(
        actor="system:test", body=tree["region"], title="Treasurer", powers=["books"]
    )
    response = as_member(electorate[1]).get("/api/v1/bodies/region/")
    assert [(o["title"], o["powers"]) for o in response.json()["offices"]] == [
        ("Tellers", []),
        ("Treasurer", ["books"]),
    ]
