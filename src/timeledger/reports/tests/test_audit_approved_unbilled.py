"""The weekly audit's "approved, not billed" backlog is exactly what a billing run would bill and
has not: the engine's own selection (its due projects, cut-offs and entry predicate), older than
``Organisation.approved_unbilled_days``. Non-billable time, fixed-fee and milestone hours, work held
back (cap, retainer periods awaiting approval) are no backlog: no run would bill them."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.billing.engine import preview, run_billing
from timeledger.billing.models import BillingSchedule
from timeledger.billing.tests.helpers import approved
from timeledger.contracts import services as contracts
from timeledger.core.hours import hours_2dp as hours
from timeledger.projects.models import BillingModel, Milestone
from timeledger.reports import audit
from timeledger.reports.audit import Filters, Kind
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

AMS = dt.timezone(dt.timedelta(hours=1))
D = dt.date
NOW = dt.datetime(2026, 11, 14, 12, 0, tzinfo=AMS)  # a Saturday; 30 days back is 15 October
TODAY = D(2026, 11, 14)
OLD = D(2026, 9, 14)  # older than the default 30 days


def unbilled(org, now=NOW, **filters) -> list[int]:
    found = audit.findings(org, Filters(week=TODAY, **filters), now=now)
    return sorted(x.entry_id for x in found if x.kind == Kind.APPROVED_UNBILLED)


@pytest.fixture
def rate(org):
    return f.rate(org, "100.00")


def retainer(org, client_, manager, code="RET"):
    project = f.project(org, client_, code=code, billing_model=BillingModel.RETAINER)
    contracts.save_retainer(
        project,
        {
            "fee": "2000.00",
            "included_hours": "10.00",
            "overage_rate": "120.00",
            "period": "monthly",
            "starts_on": "2026-01-01",
        },
        by=manager,
    )
    return project


@pytest.fixture
def mixed(org, client_, manager, alice, project, rate):
    """Old approved entries on every kind of project; ``listed`` are the ones a run would bill."""
    fixed = f.project(
        org, client_, code="FIX", billing_model=BillingModel.FIXED_FEE, fixed_fee=Decimal("9000")
    )
    milestone = f.project(org, client_, code="MS", billing_model=BillingModel.MILESTONE)
    Milestone.objects.create(organisation=org, project=milestone, name="Beta", value=Decimal(500))
    internal = f.project(org, client_, code="INT", billing_model=BillingModel.NON_BILLABLE)
    hybrid = f.project(org, client_, code="HYB", billing_model=BillingModel.HYBRID)
    waiting = f.project(org, client_, code="HYW", billing_model=BillingModel.HYBRID)
    BillingSchedule.objects.create(organisation=org, project=waiting, trigger="hybrid")
    paused = f.project(org, client_, code="PAUSE")
    BillingSchedule.objects.create(organisation=org, project=paused, is_active=False)
    ret = retainer(org, client_, manager)

    listed = [
        approved(alice, project, day=OLD, hours="2.00"),
        approved(alice, project, day=D(2026, 10, 1), hours="1.25", rate="120.00"),
        # approved while no rate was in force: the run freezes today's rate first, then bills it
        f.entry(alice, project, day=OLD, hours="0.75", status=EntryStatus.APPROVED),
        approved(alice, hybrid, day=OLD, hours="3.00"),  # hybrid without schedule: hours bill
        approved(alice, ret, day=D(2026, 9, 3), hours="4.00"),  # September has closed
        approved(alice, ret, day=D(2026, 9, 4), hours="7.50"),
    ]
    approved(alice, project, day=OLD, hours="1.00", billable=False)
    approved(alice, fixed, day=OLD, hours="5.00")  # fixed fee: bills instalments, never hours
    approved(alice, milestone, day=OLD, hours="5.00")  # milestone: bills slices, never hours
    approved(alice, internal, day=OLD, hours="5.00", billable=False)
    approved(alice, waiting, day=OLD, hours="2.00")  # hybrid waits for a ready milestone
    approved(alice, paused, day=OLD, hours="2.00")  # schedule paused: no run bills it
    approved(alice, project, day=OLD, hours="4.00", needs_acceptance=True)  # held by the cap
    # August on the retainer has an entry awaiting approval: the period does not close yet
    approved(alice, ret, day=D(2026, 8, 3), hours="1.00")
    f.entry(alice, ret, day=D(2026, 8, 4), hours="1.00", status=EntryStatus.SUBMITTED)
    return [e.pk for e in listed]


def test_lists_an_old_approved_billable_entry_on_a_time_and_materials_project(
    org, alice, project, rate
):
    # given an approved billable T&M entry older than the limit, and one younger
    old = approved(alice, project, day=OLD, hours="2.00")
    approved(alice, project, day=D(2026, 11, 2), hours="1.00")
    # when the audit runs, then it is listed, with the run as the fix
    found = [
        x
        for x in audit.findings(org, Filters(week=TODAY), now=NOW)
        if x.kind == Kind.APPROVED_UNBILLED
    ]
    assert [x.entry_id for x in found] == [old.pk]
    assert "61 days after the work (limit 30 days)" in found[0].message
    assert found[0].fix_label == "Run billing"


def test_leaves_out_fixed_fee_milestone_and_non_billable_time(org, client_, alice, project, rate):
    # given old approved entries no run bills as time
    fixed = f.project(org, client_, code="FIX", billing_model=BillingModel.FIXED_FEE)
    milestone = f.project(org, client_, code="MS", billing_model=BillingModel.MILESTONE)
    approved(alice, fixed, day=OLD, hours="5.00")
    approved(alice, milestone, day=OLD, hours="5.00")
    approved(alice, project, day=OLD, hours="1.00", billable=False)
    # when the audit runs, then none of them is a backlog
    assert unbilled(org) == []


def test_lists_exactly_what_a_run_would_bill(org, mixed):
    assert unbilled(org) == sorted(mixed)


def test_agrees_with_the_billing_preview_per_project(org, mixed):
    # given the mixed projects; when the audit runs and billing is previewed up to today
    found = [
        x
        for x in audit.findings(org, Filters(week=TODAY), now=NOW)
        if x.kind == Kind.APPROVED_UNBILLED and x.project != "RET"
    ]
    result = preview(org, up_to=TODAY)
    # then per project the audit lists the entries and hours the preview puts on time lines
    # (retainer hours are claimed by the period's closing line, not counted as time lines)
    seconds = dict(TimeEntry.objects.values_list("pk", "billable_seconds"))
    listed: dict[str, tuple[int, Decimal]] = {}
    for x in found:
        count, h = listed.get(x.project, (0, Decimal(0)))
        listed[x.project] = (count + 1, h + hours(seconds[x.entry_id]))
    previewed = {
        p.code: (
            p.entries,
            sum(
                (Decimal(line["quantity"]) for line in p.lines if line["kind"] == "time"),
                Decimal(0),
            ),
        )
        for p in result.billed
        if p.entries
    }
    assert listed == previewed
    assert listed == {"WEB": (3, Decimal("4.0000")), "HYB": (1, Decimal("3.0000"))}


def test_a_run_bills_exactly_the_listed_entries_and_the_backlog_empties(org, mixed):
    # given what the audit lists
    listed = unbilled(org)
    # when billing runs up to today
    run_billing(org, up_to=TODAY)
    # then exactly those entries were billed (T&M lines and the retainer's closing line) ...
    billed = TimeEntry.objects.filter(invoice_line__isnull=False).values_list("pk", flat=True)
    assert sorted(billed) == listed
    # ... and the audit has no backlog left
    assert unbilled(org) == []


def test_filters_by_project_still_apply(org, mixed, project):
    listed = unbilled(org, project_id=project.pk)
    assert listed and set(listed) < set(mixed)
    assert set(TimeEntry.objects.filter(pk__in=listed).values_list("project_id", flat=True)) == {
        project.pk
    }
