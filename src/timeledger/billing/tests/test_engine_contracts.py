"""The billing engine on fixed-fee schedules, retainers, not-to-exceed caps and hybrid projects.

Expected amounts are worked out by hand in each test (comments), not by the code under test.
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Count, Max, Min, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.billing.engine import preview, run_billing
from timeledger.billing.models import BillingSchedule
from timeledger.billing.tests.helpers import approved
from timeledger.contracts import services as contracts
from timeledger.contracts.models import PaymentInstalment, RetainerPeriod
from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice, InvoiceLine, LineKind
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

D = dt.date


def lines(kind):
    return list(
        InvoiceLine.objects.filter(kind=kind).order_by("id").values_list("net_amount", flat=True)
    )


# --- fixed fee -----------------------------------------------------------------------------------


@pytest.fixture
def fixed(org, client_, manager):
    project = f.project(
        org, client_, code="FIX", billing_model="fixed_fee", fixed_fee=Decimal("12000.00")
    )
    contracts.save_instalments(
        project,
        [
            {"label": "Kick-off", "due_date": "2026-01-15", "percent": "30"},
            {"label": "Design approved", "due_date": "2026-02-15", "percent": "30"},
            {"label": "Go-live", "due_date": "2026-03-15", "percent": "40"},
        ],
        by=manager,
    )
    return project


def test_due_instalments_are_billed_once_and_add_up_to_the_fee(org, fixed, alice):
    approved(alice, fixed, day=D(2026, 1, 10), hours="5.00")  # fixed fee: hours never billed
    # 30 % of 12,000.00 = 3,600.00 (twice), 40 % = 4,800.00
    first = run_billing(org, up_to=D(2026, 2, 20))
    assert [p.net for p in first.billed] == [Decimal("7200.00")]
    assert lines(LineKind.FIXED_FEE) == [Decimal("3600.00"), Decimal("3600.00")]
    assert InvoiceLine.objects.get(
        net_amount=Decimal("3600.00"), description__contains="Kick"
    ).description == ("Fixed fee: Kick-off — 30.00% of 12,000.00")
    assert run_billing(org, up_to=D(2026, 2, 20)).billed == []  # re-run: nothing new
    run_billing(org, up_to=D(2026, 3, 31))
    assert lines(LineKind.FIXED_FEE) == [Decimal("3600.00"), Decimal("3600.00"), Decimal("4800.00")]
    assert sum(lines(LineKind.FIXED_FEE)) == Decimal("12000.00")
    assert not PaymentInstalment.objects.filter(invoice_line__isnull=True).exists()
    assert not InvoiceLine.objects.filter(kind=LineKind.TIME).exists()
    assert TimeEntry.objects.get().invoice_line_id is None


def test_preview_shows_due_instalments_and_writes_nothing(org, fixed):
    result = preview(org, up_to=D(2026, 1, 31))
    assert [p.net for p in result.billed] == [Decimal("3600.00")]
    assert result.projects[0].lines[0]["kind"] == LineKind.FIXED_FEE
    assert Invoice.objects.count() == 0
    assert not PaymentInstalment.objects.filter(invoice_line__isnull=False).exists()


def test_deleting_the_draft_returns_the_instalment(org, fixed, accountant):

    run_billing(org, up_to=D(2026, 1, 31))
    drafts.delete_draft(Invoice.objects.get(), by=accountant)
    assert PaymentInstalment.objects.filter(invoice_line__isnull=True).count() == 3
    run_billing(org, up_to=D(2026, 1, 31))
    assert lines(LineKind.FIXED_FEE) == [Decimal("3600.00")]


# --- retainers -----------------------------------------------------------------------------------


def retainer_project(org, client_, manager, *, rollover=False, code="RET"):
    project = f.project(org, client_, code=code, billing_model="retainer")
    contracts.save_retainer(
        project,
        {
            "fee": "2000.00",
            "included_hours": "10.00",
            "overage_rate": "120.00",
            "period": "monthly",
            "starts_on": "2026-01-01",
            "rollover": rollover,
        },
        by=manager,
    )
    return project


def test_retainer_fee_once_per_period_and_overage_at_close(org, client_, manager, alice):
    project = retainer_project(org, client_, manager)
    jan = [approved(alice, project, day=D(2026, 1, d), hours="2.50") for d in (5, 6, 7, 8, 9)]
    feb = approved(alice, project, day=D(2026, 2, 3), hours="4.00")

    # 15 January: January's fee (in advance); the period has not closed.
    run_billing(org, up_to=D(2026, 1, 15))
    assert lines(LineKind.RETAINER_FEE) == [Decimal("2000.00")]
    assert not InvoiceLine.objects.filter(kind=LineKind.RETAINER_OVERAGE).exists()
    assert run_billing(org, up_to=D(2026, 1, 20)).billed == []

    # 3 February: February's fee, and January closes: 12.50 h used of 10.00 h included →
    # 2.50 h × 120.00 = 300.00 overage; January's five entries are claimed on that line.
    run_billing(org, up_to=D(2026, 2, 3))
    assert lines(LineKind.RETAINER_FEE) == [Decimal("2000.00"), Decimal("2000.00")]
    close = InvoiceLine.objects.get(kind=LineKind.RETAINER_OVERAGE)
    assert close.net_amount == Decimal("300.00")
    assert close.quantity == Decimal("2.5000")
    assert close.description == (
        "Retainer hours 01 Jan 2026 – 31 Jan 2026: 12.50 h of 10.00 h — overage 2.50 h × 120.00"
        " = 300.00"
    )
    assert set(TimeEntry.objects.filter(invoice_line=close).values_list("pk", flat=True)) == {
        e.pk for e in jan
    }
    feb.refresh_from_db()
    assert feb.invoice_line_id is None  # February is still open
    assert not InvoiceLine.objects.filter(kind=LineKind.TIME).exists()  # never T&M as well
    jan_period = RetainerPeriod.objects.get(start=D(2026, 1, 1))
    assert jan_period.fee_invoice_line_id and jan_period.overage_invoice_line_id == close.pk

    assert run_billing(org, up_to=D(2026, 2, 3)).billed == []  # re-run: nothing twice


def test_retainer_rollover_and_held_back_period(org, client_, manager, alice):
    project = retainer_project(org, client_, manager, rollover=True)
    approved(alice, project, day=D(2026, 1, 5), hours="6.00")
    run_billing(org, up_to=D(2026, 1, 31))  # January fee, January closes: 6 h of 10 h, no overage
    assert lines(LineKind.RETAINER_OVERAGE) == [Decimal("0.00")]
    run_billing(org, up_to=D(2026, 2, 1))  # February fee; 4 h carried in from January
    assert RetainerPeriod.objects.get(start=D(2026, 2, 1)).carried_in_hours == Decimal("4.00")
    approved(alice, project, day=D(2026, 2, 10), hours="13.00")
    pending = f.entry(alice, project, day=D(2026, 2, 11), hours="1.00", status="submitted")

    # February ended but one entry awaits approval: the close waits, the preview says why.
    result = preview(org, up_to=D(2026, 2, 28))
    assert [h["entries"] for p in result.held_back for h in p.held_back] == [1]
    run_billing(org, up_to=D(2026, 2, 28))
    assert len(lines(LineKind.RETAINER_OVERAGE)) == 1

    # Approved: 14 h used of 10 + 4 carried = 14 h → no overage (without rollover: 4 h × 120).
    TimeEntry.objects.filter(pk=pending.pk).update(
        status=EntryStatus.APPROVED, rate=Decimal("100.00"), currency="EUR"
    )
    run_billing(org, up_to=D(2026, 2, 28))
    assert lines(LineKind.RETAINER_OVERAGE) == [Decimal("0.00"), Decimal("0.00")]
    assert "14.00 h of 14.00 h — no overage" in (
        InvoiceLine.objects.filter(kind=LineKind.RETAINER_OVERAGE).latest("id").description
    )
    assert not TimeEntry.objects.filter(invoice_line__isnull=True).exists()


def test_retainer_stragglers_are_held_back_not_billed(org, client_, manager, alice):
    project = retainer_project(org, client_, manager)
    early = approved(alice, project, day=D(2025, 12, 30), hours="1.00")
    approved(alice, project, day=D(2026, 1, 5), hours="2.00")
    run_billing(org, up_to=D(2026, 1, 31))  # January fee and close
    late = approved(alice, project, day=D(2026, 1, 20), hours="1.50")
    result = preview(org, up_to=D(2026, 2, 10))
    held = {h["reason"]: (h["entries"], h["hours"]) for p in result.projects for h in p.held_back}
    assert held == {
        "retainer project: dated before the retainer started": (1, "1.00"),
        "approved after their retainer period was closed; add them by hand if billable": (
            1,
            "1.50",
        ),
    }
    run_billing(org, up_to=D(2026, 2, 10))
    assert (
        TimeEntry.objects.filter(pk__in=[early.pk, late.pk], invoice_line__isnull=True).count() == 2
    )


MONTHS = [(D(2026, 1, 1), 31), (D(2026, 2, 1), 28), (D(2026, 3, 1), 31), (D(2026, 4, 1), 30)]


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(1, 28),
            st.decimals(min_value=Decimal("0.25"), max_value=Decimal("6.00"), places=2),
        ),
        max_size=20,
    ),
    run_days=st.lists(st.dates(D(2026, 1, 1), D(2026, 4, 30)), max_size=4),
)
def test_retainer_runs_in_any_order_bill_each_period_once(db, rows, run_days):
    org = f.organisation()
    client = f.client(org, currency="EUR")
    boss, worker = f.member(org, "manager"), f.member(org)
    project = retainer_project(org, client, boss)
    hours_by_month = [Decimal(0)] * 4
    for month, day, hours in rows:
        approved(worker, project, day=MONTHS[month][0].replace(day=day), hours=str(hours))
        hours_by_month[month] += hours
    for day in [*run_days, D(2026, 4, 30)]:
        run_billing(org, up_to=day)
    # independently: 4 fees of 2,000.00; per month max(0, hours − 10) × 120.00 (exact cents)
    expected_overage = sum(
        (max(Decimal(0), h - 10) * 120).quantize(Decimal("0.01")) for h in hours_by_month
    )
    fees = InvoiceLine.objects.filter(invoice__organisation=org, kind=LineKind.RETAINER_FEE)
    assert fees.count() == 4 and fees.aggregate(s=Sum("net_amount"))["s"] == Decimal("8000.00")
    closes = InvoiceLine.objects.filter(invoice__organisation=org, kind=LineKind.RETAINER_OVERAGE)
    assert sum(closes.values_list("net_amount", flat=True), Decimal(0)) == expected_overage
    assert closes.count() == sum(1 for h in hours_by_month if h > 0)
    # every entry on the closing line of its own month, exactly once
    for line in closes.annotate(
        n=Count("entries"), lo=Min("entries__date"), hi=Max("entries__date")
    ):
        assert line.entry_count == line.n and line.lo.month == line.hi.month
    assert not TimeEntry.objects.filter(organisation=org, invoice_line__isnull=True).exists()
    assert RetainerPeriod.objects.filter(retainer__project=project).count() == 4


# --- not-to-exceed cap ---------------------------------------------------------------------------


def test_entries_above_the_cap_wait_for_acceptance(org, project, manager, alice):
    first = approved(alice, project, day=D(2026, 3, 2), hours="6.00", rate="100.00")
    second = approved(alice, project, day=D(2026, 3, 3), hours="6.00", rate="100.00")
    contracts.save_terms(project, {"cap_hours": "10.00"}, by=manager)  # flags the second
    second.refresh_from_db()
    assert second.needs_acceptance

    result = preview(org, up_to=D(2026, 3, 31))
    assert [p.net for p in result.billed] == [Decimal("600.00")]
    assert result.billed[0].held_back == [
        {
            "reason": "above the not-to-exceed cap; bills once a manager accepts it",
            "entries": 1,
            "hours": "6.00",
        }
    ]
    run_billing(org, up_to=D(2026, 3, 31))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.invoice_line_id is not None and second.invoice_line_id is None

    contracts.accept_overruns([second], by=manager)
    again = run_billing(org, up_to=D(2026, 3, 31))
    assert [p.net for p in again.billed] == [Decimal("600.00")]
    assert again.billed[0].held_back == []
    second.refresh_from_db()
    assert second.invoice_line_id is not None


# --- hybrid --------------------------------------------------------------------------------------


def test_hybrid_milestone_unlocks_the_invoice_and_hours_fill_it(org, client_, alice):
    project = f.project(org, client_, code="HYB", billing_model="hybrid")
    BillingSchedule.objects.create(organisation=org, project=project, trigger="hybrid")
    m = Milestone.objects.create(
        organisation=org, project=project, name="Prototype", value=Decimal("2500.00")
    )
    approved(alice, project, day=D(2026, 3, 2), hours="3.25", rate="150.00")
    approved(alice, project, day=D(2026, 3, 3), hours="1.50", rate="150.00")
    assert run_billing(org, up_to=D(2026, 3, 31)).billed == []  # no milestone ready: waits
    m.status, m.percent_complete = "complete", Decimal(100)
    m.save()
    result = run_billing(org, up_to=D(2026, 3, 31))
    # 2,500.00 milestone + 4.75 h × 150.00 = 712.50 → 3,212.50
    assert [p.net for p in result.billed] == [Decimal("3212.50")]
    invoice = Invoice.objects.get()
    assert sorted(invoice.lines.values_list("kind", "net_amount")) == [
        (LineKind.MILESTONE, Decimal("2500.00")),
        (LineKind.TIME, Decimal("712.50")),
    ]
    assert not TimeEntry.objects.filter(invoice_line__isnull=True).exists()


# --- exactly once under parallel runs (PostgreSQL) -----------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runs_bill_instalments_and_retainer_periods_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    org = f.organisation()
    client = f.client(org, currency="EUR")
    boss = f.member(org, "manager")
    alice = f.member(org)
    fixed = []
    for _ in range(5):
        p = f.project(org, client, billing_model="fixed_fee", fixed_fee=Decimal("1000.00"))
        contracts.save_instalments(
            p,
            [
                {"label": "A", "due_date": "2026-01-10", "percent": "25"},
                {"label": "B", "due_date": "2026-02-10", "percent": "25"},
                {"label": "C", "due_date": "2026-09-10", "percent": "50"},
            ],
            by=boss,
        )
        fixed.append(p)
    retainers = [retainer_project(org, client, boss, code=f"R{i}") for i in range(5)]
    for p in retainers:
        for day in (D(2026, 1, 5), D(2026, 1, 20), D(2026, 2, 5)):
            approved(alice, p, day=day, hours="6.00")  # January: 12 h → 2 h × 120 = 240.00
    barrier = threading.Barrier(4)
    results, errors = [], []

    def worker(batch_size):
        try:
            barrier.wait()
            results.append(run_billing(org, up_to=D(2026, 2, 15), batch_size=batch_size))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(bs,)) for bs in (1, 2, 3, 10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert not [p.error for r in results for p in r.projects if p.error]
    # 5 × (250.00 + 250.00) fixed fee; 5 × (2 fees × 2,000.00 + 240.00) retainer
    assert sum(p.net for r in results for p in r.billed) == Decimal("2500.00") + Decimal("21200.00")
    assert InvoiceLine.objects.filter(kind=LineKind.FIXED_FEE).count() == 10
    assert PaymentInstalment.objects.filter(invoice_line__isnull=True).count() == 5  # September
    assert InvoiceLine.objects.filter(kind=LineKind.RETAINER_FEE).count() == 10
    assert InvoiceLine.objects.filter(kind=LineKind.RETAINER_OVERAGE).count() == 5
    assert RetainerPeriod.objects.filter(fee_invoice_line__isnull=False).count() == 10
    # January's entries once each on their period's closing line; February's still open
    assert TimeEntry.objects.filter(invoice_line__kind=LineKind.RETAINER_OVERAGE).count() == 10
    assert TimeEntry.objects.filter(invoice_line__isnull=True).count() == 5
    assert run_billing(org, up_to=D(2026, 2, 15)).billed == []


# --- one implementation of draft editing (billing screens and invoice screens) -------------------


def test_invoice_screens_edit_engine_drafts_through_the_same_services(org, fixed, accountant):

    run_billing(org, up_to=D(2026, 2, 28))
    invoice = Invoice.objects.get()
    first = invoice.lines.order_by("position").first()
    drafts.delete_line(first, by=accountant)  # the instalment is unbilled again
    assert PaymentInstalment.objects.filter(invoice_line__isnull=True).count() == 2
    invoice.refresh_from_db()
    assert invoice.net_total == Decimal("3600.00")
    line = drafts.add_line(
        invoice,
        by=accountant,
        **drafts.LineInput("Travel", Decimal("2"), Decimal("80.50"), unit="trip").fields(),
    )
    assert line.net_amount == Decimal("161.00") and line.position == 3
    drafts.update_line(line, {"note": "Two trips"}, by=accountant)
    invoice.refresh_from_db()
    assert invoice.net_total == Decimal("3761.00")
    drafts.delete_draft(invoice, by=accountant)
    assert PaymentInstalment.objects.filter(invoice_line__isnull=True).count() == 3
    assert not Invoice.objects.exists()
