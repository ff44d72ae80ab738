"""One rule for hours on invoices: quantity = hours_2dp(seconds), net = quantity × rate rounded
once; the timesheet annex rows add up to each line's quantity (real database, real runs)."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.billing import services
from timeledger.billing.engine import run_billing
from timeledger.billing.selectors import line_entries, timesheet_appendix
from timeledger.billing.tests.helpers import approved
from timeledger.core.money import quantize
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, LineKind
from timeledger.invoicing.selectors import timesheet_annex
from timeledger.testing import factories as f

D = dt.date
UNTIL = D(2026, 3, 31)
MARCH_2 = D(2026, 3, 2)
_codes = itertools.count(1)


def entry_of(member, project, seconds: int, *, day=MARCH_2, rate="100.00", **kw):
    """An approved entry of exactly ``seconds`` billable seconds."""
    return approved(
        member,
        project,
        day=day,
        hours=str(Decimal(seconds) / 3600),
        rate=rate,
        billable_seconds=seconds,
        **kw,
    )


def annex_by_line(invoice) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for row in timesheet_annex(invoice):
        out[row.line_id] = out.get(row.line_id, Decimal("0.00")) + row.hours
    return out


def test_an_entry_of_5418_seconds_reads_1_51_h_on_the_line_and_on_the_annex(org, project, alice):
    entry_of(alice, project, 5418)  # 1.505 h

    run_billing(org, up_to=UNTIL)

    invoice = Invoice.objects.get(project=project)
    line = invoice.lines.get()
    assert line.quantity == Decimal("1.51")
    assert line.net_amount == Decimal("151.00")
    assert line.description == "Web shop — 1.51 h × 100.00 = 151.00"
    assert [r["hours"] for r in timesheet_appendix(invoice)] == [Decimal("1.51")]
    assert invoice.net_total == Decimal("151.00")


def test_annex_rows_of_odd_minutes_add_up_to_the_line(org, project, alice):
    for day in (2, 3, 4):  # three entries of 20 minutes: 1.00 h in all
        entry_of(alice, project, 1200, day=D(2026, 3, day))

    run_billing(org, up_to=UNTIL)

    invoice = Invoice.objects.get(project=project)
    line = invoice.lines.get()
    assert (line.quantity, line.net_amount) == (Decimal("1.00"), Decimal("100.00"))
    assert [r["hours"] for r in timesheet_appendix(invoice)] == [
        Decimal("0.34"),
        Decimal("0.33"),
        Decimal("0.33"),
    ]
    # The draft screen lists the same hours for the same entries.
    assert [e.hours for e in line_entries(invoice)[line.pk]] == [
        Decimal("0.34"),
        Decimal("0.33"),
        Decimal("0.33"),
    ]


def test_removing_an_entry_keeps_quantity_times_price_equal_to_the_net(
    org, project, alice, accountant
):
    entries = [entry_of(alice, project, 1200, day=D(2026, 3, d)) for d in (2, 3, 4)]
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get(project=project)

    services.remove_entries(invoice, [entries[0].pk], by=accountant)

    line = invoice.lines.get()
    assert (line.quantity, line.net_amount) == (Decimal("0.67"), Decimal("67.00"))
    assert line.description == "Web shop — 0.67 h × 100.00 = 67.00"
    assert sum(r["hours"] for r in timesheet_appendix(invoice)) == Decimal("0.67")


def test_final_invoice_bills_time_by_the_same_rule(org, project, alice, accountant):
    entry_of(alice, project, 5418)
    entry_of(alice, project, 1200, day=D(2026, 3, 3))

    final = issuing.create_final_invoice(project, by=accountant)

    line = final.lines.get()
    assert line.quantity == Decimal("1.84")  # 6,618 s = 1.8383 h
    assert line.net_amount == Decimal("184.00")
    assert sum(r["hours"] for r in timesheet_appendix(final)) == line.quantity


seconds_lists = st.lists(st.integers(min_value=1, max_value=12 * 3600), min_size=1, max_size=6)
rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(groups=st.lists(st.tuples(seconds_lists, rates), min_size=1, max_size=3))
def test_every_time_line_is_quantity_times_price_and_its_annex_adds_up(org, alice, groups):
    # Given a fresh project per example, entries of random lengths at a few random rates
    project = f.project(org, code=f"HX{next(_codes)}")
    for seconds, rate in groups:
        for i, s in enumerate(seconds):
            entry_of(alice, project, s, day=D(2026, 3, 1 + i), rate=str(rate))

    # When it is billed
    result = run_billing(org, up_to=UNTIL, project_codes=[project.code])

    # Then every line's quantity × price is its net to the cent, the annex adds up to it,
    # and the invoice total is the sum of the line nets.
    invoice = Invoice.objects.get(pk=result.billed[0].invoice_id)
    annex = annex_by_line(invoice)
    lines = list(invoice.lines.filter(kind=LineKind.TIME))
    for line in lines:
        assert quantize(line.quantity * line.unit_price, "EUR") == line.net_amount
        assert line.quantity == line.quantity.quantize(Decimal("0.01"))
        assert annex[line.pk] == line.quantity
    assert invoice.net_total == sum(line.net_amount for line in lines)


@pytest.mark.parametrize("grouping", ["member", "date", "project"])
def test_regrouped_lines_keep_the_rule(org, project, alice, manager, accountant, grouping):
    entry_of(alice, project, 1200)
    entry_of(manager, project, 5418, day=D(2026, 3, 3))
    entry_of(alice, project, 1000, day=D(2026, 3, 3))
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get(project=project)

    services.regroup(invoice, grouping, by=accountant)

    annex = annex_by_line(invoice)
    for line in invoice.lines.all():
        assert quantize(line.quantity * line.unit_price, "EUR") == line.net_amount
        assert annex[line.pk] == line.quantity
