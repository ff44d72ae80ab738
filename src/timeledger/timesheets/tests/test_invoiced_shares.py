"""Billed entries show their share of the invoice line, adding up to it to the cent: six
20-minute entries at 110.00 on a 2.00 h line of 220.00 (each entry's own frozen amount, 36.67,
would add up to 220.02; 0.33 h a row to 1.98 h)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from timeledger.cli import main
from timeledger.invoicing import selectors as invoice_selectors
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

DAY = dt.date(2026, 11, 10)


@pytest.fixture
def billed(accountant, alice, client_, project):
    tax = inv.taxes(accountant.organisation)
    invoice = inv.draft(accountant, client_, [("Build", "2", "110", tax["S"])], project=project)
    line = invoice.lines.get()
    assert line.net_amount == Decimal("220.00")
    entries = [
        f.entry(
            alice,
            project,
            day=DAY,
            hours="0.5",
            status=EntryStatus.INVOICED,
            rate=Decimal("110"),
            amount=Decimal("36.67"),
            currency="EUR",
        )
        for _ in range(6)
    ]
    TimeEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        invoice_line=line, seconds=1200, billable_seconds=1200
    )
    return invoice, entries


def test_the_api_shows_each_entrys_share_adding_up_to_the_line(api, alice, billed):
    body = api(alice).get("/api/entries/?page_size=50").json()["results"]
    shares = [row["invoiced"] for row in body]
    assert sum(Decimal(s["amount"]) for s in shares) == Decimal("220.00")
    assert sum(Decimal(s["hours"]) for s in shares) == Decimal("2.00")
    assert {s["currency"] for s in shares} == {"EUR"}
    one = api(alice).get(f"/api/entries/{body[0]['id']}/").json()["invoiced"]
    assert one == next(r["invoiced"] for r in body if r["id"] == body[0]["id"])


def test_an_unbilled_entry_has_no_invoiced_share(api, alice, project):
    f.entry(alice, project, day=DAY, hours="1")
    assert api(alice).get("/api/entries/").json()["results"][0]["invoiced"] is None


def test_the_csv_export_adds_up_to_the_line(capsys, alice, billed):
    assert main(["--user", alice.user.email, "export", "--csv", "--all"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sum(Decimal(r["invoiced_amount"]) for r in rows) == Decimal("220.00")
    assert sum(Decimal(r["invoiced_hours"]) for r in rows) == Decimal("2.00")


def test_the_annex_rows_add_up_to_the_line_in_hours_and_money(billed):
    invoice, _ = billed
    annex = invoice_selectors.timesheet_annex(invoice)
    assert sum(r.hours for r in annex) == Decimal("2.00")
    assert sum(r.amount for r in annex) == Decimal("220.00")
