"""Recurring invoices: each due period once, catching up, idempotent, through tick."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.cli import main
from timeledger.invoicing import recurring
from timeledger.invoicing.models import Invoice, RecurringSchedule
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(org, accountant, client_):
    tax = inv.taxes(org)
    return recurring.save_schedule(
        None,
        {
            "client": client_,
            "name": "Support retainer",
            "description": "Support retainer {period}",
            "unit_price": Decimal("2000.00"),
            "tax_category": tax["S"],
            "frequency": "monthly",
            "next_run": dt.date(2026, 1, 1),
        },
        by=accountant,
    )


def test_due_periods_are_invoiced_once_each(schedule):
    result = recurring.run_due(dt.date(2026, 3, 31))
    numbers = [i.number for i in result.invoices]
    assert numbers == ["INV-2026-00001", "INV-2026-00002", "INV-2026-00003"]
    periods = [(i.period_start, i.period_end) for i in result.invoices]
    assert periods == [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
    ]
    assert [i.issue_date for i in result.invoices] == [p[0] for p in periods]
    assert all(
        i.kind == "recurring" and i.gross_total == Decimal("2420.00") for i in result.invoices
    )
    assert (
        "Support retainer 01 Jan 2026 – 31 Jan 2026" in result.invoices[0].lines.get().description
    )
    assert recurring.run_due(dt.date(2026, 3, 31)).invoices == []
    schedule.refresh_from_db()
    assert schedule.next_run > dt.date(2026, 3, 31)


def test_end_date_stops_the_schedule(schedule):
    RecurringSchedule.objects.filter(pk=schedule.pk).update(end_date=dt.date(2026, 1, 15))
    result = recurring.run_due(dt.date(2026, 6, 1))
    assert len(result.invoices) == 1
    schedule.refresh_from_db()
    assert not schedule.is_active


def test_one_invoice_per_period_is_a_database_rule(schedule, org):
    recurring.run_due(dt.date(2026, 1, 1))
    invoice = Invoice.objects.get()
    RecurringSchedule.objects.filter(pk=schedule.pk).update(next_run=dt.date(2026, 1, 1))
    result = recurring.run_due(dt.date(2026, 1, 1))
    assert result.invoices == [] and result.errors
    assert Invoice.objects.get() == invoice


def test_tick_runs_recurring_invoices(schedule, capsys):
    code = main(["tick", "--now", "2026-01-01T08:00+01:00", "--only", "recurring_invoices"])
    assert code == 0
    assert "recurring_invoices: invoices=1, errors=0" in capsys.readouterr().out
    assert Invoice.objects.get().number == "INV-2026-00001"
