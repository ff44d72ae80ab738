"""The final invoice is made by the billing engine: a run of kind final for one project.

Same lines as a normal run (one rounding per line, not a sum of rounded entries), the same cap,
the summary of earlier invoices, and never an entry billed twice across normal runs and the final.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from timeledger.billing.engine import preview, run_billing
from timeledger.billing.final import create_final_invoice
from timeledger.billing.models import BillingRun
from timeledger.billing.tests.helpers import approved
from timeledger.cli import main
from timeledger.contracts import services as contracts
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceKind, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date
UNTIL = D(2026, 3, 31)


def _lines(rows) -> list[tuple]:
    return [(r["kind"], r["description"], Decimal(r["quantity"]), Decimal(r["net"])) for r in rows]


def test_final_invoice_bills_the_rest_summarises_and_closes_the_project(
    org, accountant, alice, client_, project
):
    tax = inv.taxes(org)
    first = inv.issued(accountant, client_, [("Phase 1", "10", "100", tax["S"])], project=project)
    approved(alice, project, day=D(2026, 3, 9), hours="3", rate="120")
    approved(alice, project, day=D(2026, 3, 10), hours="1.5", rate="120")
    final = create_final_invoice(project, by=accountant, up_to=UNTIL)
    assert final.kind == InvoiceKind.FINAL and final.status == InvoiceStatus.DRAFT
    assert final.summary[0]["number"] == first.number
    assert final.notes == "Final invoice for project WEB — Web shop."
    line = final.lines.get()
    assert line.quantity == Decimal("4.5000") and line.net_amount == Decimal("540.00")
    assert TimeEntry.objects.filter(invoice_line=line).count() == 2
    assert (final.tax_total, final.gross_total) == (Decimal("113.40"), Decimal("653.40"))
    assert BillingRun.objects.get(invoices=final).kind == "final"
    final = issuing.issue_invoice(final, by=accountant, issue_date=D(2026, 3, 31))
    assert final.gross_total == Decimal("653.40")
    project.refresh_from_db()
    assert project.status == "closed"
    with pytest.raises(ValidationError, match="already closed"):
        create_final_invoice(project, by=accountant, up_to=UNTIL)


def test_final_invoice_with_nothing_left_is_refused_clearly(accountant, project):
    with pytest.raises(ValidationError, match="no approved, unbilled time left"):
        create_final_invoice(project, by=accountant)
    assert not Invoice.objects.exists() and not BillingRun.objects.exists()


def test_final_lines_are_what_a_normal_run_bills_to_the_cent(org, project, alice, accountant):
    build = f.phase(project, "Build", position=1)
    backend = f.task(project, "Backend", phase=build)
    # Three 0.25 h entries at 99.99: 24.9975 each. Per entry rounded and summed: 3 × 25.00 =
    # 75.00; the engine rounds the line once: 0.75 h × 99.99 = 74.9925 → 74.99.
    for day in (2, 3, 4):
        approved(alice, project, day=D(2026, 3, day), hours="0.25", rate="99.99", t=backend)
    approved(alice, project, day=D(2026, 3, 5), hours="1.10", rate="87.35")  # 96.085 → 96.09
    normal = preview(org, up_to=UNTIL).billed[0]

    final = create_final_invoice(project, by=accountant, up_to=UNTIL)
    lines = [
        {"kind": x.kind, "description": x.description, "quantity": x.quantity, "net": x.net_amount}
        for x in final.lines.order_by("position")
    ]
    assert _lines(lines) == _lines(normal.lines)
    assert [line.net_amount for line in final.lines.order_by("position")] == [
        Decimal("74.99"),
        Decimal("96.09"),
    ]
    assert final.net_total == normal.net == Decimal("171.08")


def test_final_applies_the_cap(org, project, manager, alice, accountant):
    contracts.save_terms(project, {"cap_amount": "500.00"}, by=manager)
    kept = [approved(alice, project, day=D(2026, 3, d), hours="2.00", rate="100") for d in (2, 3)]
    over = approved(alice, project, day=D(2026, 3, 4), hours="2.00", rate="100")  # 600 > 500
    final = create_final_invoice(project, by=accountant, up_to=UNTIL)
    assert final.net_total == Decimal("400.00")
    assert {e.pk for e in kept} == set(
        TimeEntry.objects.filter(invoice_line__invoice=final).values_list("pk", flat=True)
    )
    over.refresh_from_db()
    assert over.invoice_line_id is None and over.needs_acceptance


def test_no_entry_is_billed_twice_across_normal_runs_and_the_final(org, project, alice, accountant):
    early = approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100")
    run_billing(org, up_to=UNTIL)
    draft = Invoice.objects.get()
    late = approved(alice, project, day=D(2026, 3, 20), hours="2.00", rate="100")
    final = create_final_invoice(project, by=accountant, up_to=UNTIL)
    assert final.pk != draft.pk  # a final is its own invoice, never the open run draft
    assert TimeEntry.objects.get(pk=early.pk).invoice_line.invoice_id == draft.pk
    assert TimeEntry.objects.get(pk=late.pk).invoice_line.invoice_id == final.pk
    assert final.net_total == Decimal("200.00")
    assert run_billing(org, up_to=UNTIL).billed == []  # nothing left for a normal run either
    with pytest.raises(ValidationError, match="already has a final invoice"):
        create_final_invoice(project, by=accountant, up_to=UNTIL)


def test_final_bills_a_ready_milestone_like_a_run(org, client_, accountant):
    project = f.project(org, client_, code="FIX", billing_model="milestone")
    Milestone.objects.create(
        organisation=org,
        project=project,
        name="Go-live",
        value=Decimal("900.00"),
        status="complete",
        percent_complete=Decimal(100),
    )
    final = create_final_invoice(project, by=accountant, up_to=UNTIL)
    assert list(final.lines.values_list("description", "net_amount")) == [
        ("Milestone: Go-live — complete", Decimal("900.00"))
    ]


def test_final_needs_billing_rights_and_stays_in_the_organisation(
    org, project, alice, outsider, accountant
):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00")
    with pytest.raises(PermissionDenied):
        create_final_invoice(project, by=alice)
    with pytest.raises(ValidationError):
        create_final_invoice(project, by=outsider)
    assert not Invoice.objects.exists()


def test_api_page_and_cli_make_the_final_invoice_at_the_same_urls(
    capsys, api, org, client_, alice, accountant, outsider
):
    projects = [f.project(org, client_, code=code) for code in ("APIP", "WEBP", "CLIP")]
    for p in projects:
        approved(alice, p, day=D(2026, 3, 2), hours="1.00", rate="100")

    assert api(outsider).post(
        "/api/invoices/final/", {"project": projects[0].pk}, format="json"
    ).status_code in (400, 404)
    response = api(accountant).post(
        "/api/invoices/final/", {"project": projects[0].pk, "up_to": "2026-03-31"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "final" and response.json()["net_total"] == "100.00"

    c = Client()
    c.force_login(accountant.user)
    page = c.post("/invoices/final/", {"final-project": projects[1].pk})
    final = Invoice.objects.get(project=projects[1])
    assert page.status_code == 302 and page.url == f"/invoices/{final.pk}/"
    assert final.kind == "final"

    assert main(["--user", accountant.user.email, "invoice", "final", "--project", "CLIP"]) == 0
    assert "final invoice" in capsys.readouterr().out
    assert Invoice.objects.get(project=projects[2]).kind == "final"
