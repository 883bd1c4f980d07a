import datetime

import pytest

from newcourse.organisation import roster
from newcourse.organisation.models import Member, MemberStatus
from newcourse.record.models import RecordEntry

GOOD = """number,email,full_name,branch,joined_on,status,standing
A-1,ana@example.org,Ana Pauker,north,2019-05-01,active,good
A-2,bela@example.org,Béla Kun,south,2020-06-02,active,arrears
,clara@example.org,Clara Zetkin,,,,
"""


def import_text(body, text):
    return roster.members_import(actor="system:test", body=body, text=text)


def test_import_admits_every_row(tree):
    report = import_text(tree["region"], GOOD)
    assert report.admitted == 3
    ana = Member.objects.get(number="A-1")
    assert (ana.body.slug, ana.joined_on) == ("north", datetime.date(2019, 5, 1))
    assert Member.objects.get(number="A-2").standing == "arrears"
    clara = Member.objects.get(person__email="clara@example.org")
    assert clara.body == tree["region"]
    assert RecordEntry.objects.filter(action="member.admitted").count() == 3
    assert clara.history.get().kind == "joined"


def test_import_same_file_twice_changes_nothing(tree):
    import_text(tree["region"], GOOD)
    entries = RecordEntry.objects.count()
    report = import_text(tree["region"], GOOD)
    assert (report.changed, report.unchanged) == (0, 3)
    assert RecordEntry.objects.count() == entries


def test_import_reports_every_bad_row_and_imports_nothing(tree):
    text = """email,full_name,branch,joined_on,status
good@example.org,Good Row,north,2020-01-01,active
not-an-email,Bad Email,north,2020-01-01,active
x@example.org,,north,2020-01-01,active
y@example.org,Unknown Branch,atlantis,2020-01-01,active
z@example.org,Bad Date,north,01/02/2020,active
w@example.org,Bad Status,north,2020-01-01,retired
good@example.org,Duplicate,north,2020-01-01,active
"""
    with pytest.raises(roster.ImportRefused) as refused:
        import_text(tree["region"], text)
    assert [p.line for p in refused.value.problems] == [3, 4, 5, 6, 7, 8]
    assert "atlantis" in str(refused.value.problems[2])
    assert "line 2" in str(refused.value.problems[5])
    assert Member.objects.count() == 0


def test_import_refuses_branch_outside_the_body(tree):
    text = "email,full_name,branch\nq@example.org,Q,far\n"
    with pytest.raises(roster.ImportRefused) as refused:
        import_text(tree["region"], text)
    assert refused.value.problems[0].line == 2


def test_import_refuses_unknown_columns_and_missing_ones(tree):
    with pytest.raises(roster.ImportRefused) as refused:
        import_text(tree["region"], "mail,name\na@b.org,A\n")
    assert [p.line for p in refused.value.problems] == [1, 1]


def test_import_refuses_empty_file(tree):
    with pytest.raises(roster.ImportRefused):
        import_text(tree["region"], "")


def test_import_applies_changes_through_services(tree):
    import_text(tree["region"], GOOD)
    changed = GOOD.replace(
        "A-1,ana@example.org,Ana Pauker,north", "A-1,ana@example.org,Ana Pauker,south"
    )
    changed = changed.replace("south,2020-06-02,active,arrears", "south,2020-06-02,lapsed,arrears")
    report = import_text(tree["region"], changed)
    assert (report.transferred, report.status_changed, report.unchanged) == (1, 1, 1)
    assert Member.objects.get(number="A-1").body.slug == "south"
    assert Member.objects.get(number="A-2").status == MemberStatus.LAPSED


def test_import_refuses_rewriting_joining_date(tree):
    import_text(tree["region"], GOOD)
    with pytest.raises(roster.ImportRefused):
        import_text(tree["region"], GOOD.replace("2019-05-01", "2018-05-01"))


def test_import_refuses_number_of_another_member(tree):
    import_text(tree["region"], GOOD)
    with pytest.raises(roster.ImportRefused):
        import_text(tree["region"], "number,email,full_name\nA-1,new@example.org,New\n")


def test_export_then_import_changes_nothing(tree):
    import_text(tree["region"], GOOD)
    exported = "".join(roster.members_export(body=tree["region"]))
    assert exported.splitlines()[0] == ",".join(roster.COLUMNS)
    assert len(exported.splitlines()) == 4
    report = import_text(tree["region"], exported)
    assert (report.changed, report.unchanged) == (0, 3)


def test_import_refuses_nul_characters(tree):
    with pytest.raises(roster.ImportRefused):
        import_text(tree["region"], "email,full_name\na@example.org,A\x00B\n")


def test_import_refuses_member_of_a_body_outside(tree, make_member):
    outsider = make_member(tree["far"], email="far@example.org")
    with pytest.raises(roster.ImportRefused) as refused:
        import_text(tree["region"], "email,full_name,branch\nfar@example.org,Far Away,north\n")
    assert refused.value.problems[0].line == 2
    outsider.refresh_from_db()
    assert (outsider.body, outsider.standing) == (tree["far"], "good")
