"""The not-to-exceed cap is applied by the billing engine itself, on every run and preview.

The cap is set *before* the time is logged, and no ``tick`` (budgets job) runs in between: the
run must still bill only up to the cap, whole entries in work order, and list the rest, by id,
as held back until a manager accepts them.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from timeledger.billing.engine import preview, run_billing
from timeledger.billing.engine.selection import due_entries
from timeledger.billing.tests.helpers import approved
from timeledger.cli import main
from timeledger.contracts import services as contracts
from timeledger.invoicing.models import Invoice
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date
UNTIL = D(2026, 3, 31)
CAP_REASON = "above the not-to-exceed cap; bills once a manager accepts it"


@pytest.fixture
def capped(org, project, manager, alice):
    """Cap 10,000.00 set first; then 80 h × 150.00 = 12,000.00 logged and approved: 20 entries
    of 4.00 h (600.00 each) on 2–21 March."""
    contracts.save_terms(project, {"cap_amount": "10000.00"}, by=manager)
    entries = [
        approved(alice, project, day=D(2026, 3, 2) + dt.timedelta(days=i), hours="4.00", rate="150")
        for i in range(20)
    ]
    assert not TimeEntry.objects.filter(needs_acceptance=True).exists()  # nothing flagged them
    return project, entries


def test_run_bills_up_to_the_cap_and_holds_back_the_rest_with_ids(org, capped):
    project, entries = capped
    # 16 × 600.00 = 9,600.00 ≤ 10,000.00; the 17th makes 10,200.00: it and the 3 after it wait.
    held_ids = [e.pk for e in entries[16:]]

    dry = preview(org, up_to=UNTIL)
    assert [p.net for p in dry.billed] == [Decimal("9600.00")]
    assert dry.billed[0].held_back == [{"reason": CAP_REASON, "entries": 4, "hours": "16.00"}]
    assert dry.billed[0].held_entry_ids == held_ids
    assert not TimeEntry.objects.filter(needs_acceptance=True).exists()  # a preview writes nothing

    result = run_billing(org, up_to=UNTIL)
    assert [p.net for p in result.billed] == [Decimal("9600.00")]
    assert result.billed[0].held_entry_ids == held_ids
    assert Invoice.objects.get().net_total == Decimal("9600.00")
    unbilled = TimeEntry.objects.filter(invoice_line__isnull=True)
    assert sorted(unbilled.values_list("pk", flat=True)) == held_ids
    assert set(unbilled.values_list("needs_acceptance", flat=True)) == {True}
    assert result.run.summary["projects"][0]["held_back"][0]["entry_ids"] == held_ids


def test_accepted_entries_beyond_the_cap_bill_on_the_next_run(org, capped, manager):
    _project, entries = capped
    held = preview(org, up_to=UNTIL).billed[0].held_entry_ids
    # Accepting straight from the preview: nothing had flagged them yet.
    assert contracts.accept_overruns(held[:2], by=manager, note="client agreed") == 2
    result = run_billing(org, up_to=UNTIL)
    assert [p.net for p in result.billed] == [Decimal("10800.00")]  # 18 × 600.00
    assert result.billed[0].held_entry_ids == held[2:]
    assert sorted(
        TimeEntry.objects.filter(invoice_line__isnull=True).values_list("pk", flat=True)
    ) == [e.pk for e in entries[18:]]


def test_cap_in_hours_takes_whole_entries_in_work_order(org, project, manager, alice):
    contracts.save_terms(project, {"cap_hours": "10.00"}, by=manager)
    late = approved(alice, project, day=D(2026, 3, 9), hours="3.00")
    early = approved(alice, project, day=D(2026, 3, 2), hours="6.00")
    middle = approved(alice, project, day=D(2026, 3, 5), hours="3.00")  # 6 + 3 = 9 ≤ 10
    result = run_billing(org, up_to=UNTIL)
    assert result.billed[0].entries == 2
    assert result.billed[0].held_entry_ids == [late.pk]  # 12 h > 10 h: the latest work waits
    assert {e.pk for e in (early, middle)} == set(
        TimeEntry.objects.filter(invoice_line__isnull=False).values_list("pk", flat=True)
    )


def test_raising_the_cap_releases_what_it_held_back(org, capped, manager):
    run_billing(org, up_to=UNTIL)
    contracts.save_terms(capped[0], {"cap_amount": "12000.00"}, by=manager)
    result = run_billing(org, up_to=UNTIL)
    assert [p.net for p in result.billed] == [Decimal("2400.00")]
    assert result.billed[0].held == []
    assert not TimeEntry.objects.filter(invoice_line__isnull=True).exists()


def test_api_preview_and_run_list_held_back_entry_ids(api, accountant, capped):
    _project, entries = capped
    held_ids = [e.pk for e in entries[16:]]
    client = api(accountant)
    body = client.get("/api/billing/preview/", {"until": "2026-03-31"}).json()
    assert body["projects"][0]["net"] == "9600.00"
    assert body["projects"][0]["held_back"] == [
        {"reason": CAP_REASON, "entries": 4, "hours": "16.00", "entry_ids": held_ids}
    ]
    run = client.post("/api/billing/runs/", {"up_to": "2026-03-31"}, format="json").json()
    assert run["projects"][0]["held_back"][0]["entry_ids"] == held_ids
    assert run["totals"] == {"EUR": "9600.00"}


def test_entries_api_shows_and_filters_needs_acceptance(api, org, manager, capped, outsider):
    _project, entries = capped
    run_billing(org, up_to=UNTIL)
    client = api(manager)
    flagged = client.get("/api/entries/", {"needs_acceptance": "true", "page_size": 100}).json()
    rows = flagged["results"] if isinstance(flagged, dict) else flagged
    assert sorted(r["id"] for r in rows) == [e.pk for e in entries[16:]]
    assert {r["needs_acceptance"] for r in rows} == {True}
    others = client.get("/api/entries/", {"needs_acceptance": "false", "page_size": 100}).json()
    rows = others["results"] if isinstance(others, dict) else others
    assert len(rows) == 16 and {r["needs_acceptance"] for r in rows} == {False}
    seen = api(outsider).get("/api/entries/", {"needs_acceptance": "true"}).json()
    assert (seen["results"] if isinstance(seen, dict) else seen) == []


def test_preview_page_and_cli_show_held_back_entry_ids(capsys, org, accountant, capped):
    _project, entries = capped
    ids = ", ".join(str(e.pk) for e in entries[16:])
    c = Client()
    c.force_login(accountant.user)
    page = c.get("/billing/preview/", {"until": "2026-03-31"}).content.decode()
    assert f"(entries {ids})" in page and "9,600.00" in page
    assert main(["--user", accountant.user.email, "bill", "--until", "2026-03-31"]) == 0
    out = capsys.readouterr().out
    assert f"entries: {ids}" in out
    assert "held back: 4 entries, 16.00 h" in out


def test_another_projects_cap_does_not_touch_this_one(org, client_, capped, alice):
    free = f.project(org, client_, code="FREE")
    approved(alice, free, day=D(2026, 3, 2), hours="10.00", rate="150")
    result = run_billing(org, up_to=UNTIL)
    nets = {p.code: p.net for p in result.billed}
    assert nets == {"WEB": Decimal("9600.00"), "FREE": Decimal("1500.00")}


def test_what_a_run_would_bill_leaves_out_what_the_cap_holds_back(org, capped):
    """The engine's selection (the weekly audit's backlog) asks the cap as it stands, not the
    flag nothing has set yet: it lists exactly the entries the run then bills."""
    _project, entries = capped
    due = sorted(due_entries(org, up_to=UNTIL).values_list("pk", flat=True))
    assert due == [e.pk for e in entries[:16]]
    run_billing(org, up_to=UNTIL)
    billed = TimeEntry.objects.filter(invoice_line__isnull=False).values_list("pk", flat=True)
    assert sorted(billed) == due
    assert not due_entries(org, up_to=UNTIL).exists()
