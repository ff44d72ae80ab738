"""A run's draft shows the totals issuing will produce: VAT per category on the sum of the nets,
lines taxed by the default category (project → client → organisation), like a hand-made draft."""

import datetime as dt
from decimal import Decimal

from timeledger.billing.engine import preview, run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.contracts.models import ChangeOrder
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f

D = dt.date
UNTIL = D(2026, 3, 31)


def test_run_draft_totals_are_what_issuing_stores(org, client_, project, alice, accountant):
    tax = inv.taxes(org)  # the organisation's default: S 21 %
    approved(alice, project, day=D(2026, 3, 2), hours="7.50", rate="99.99")  # 749.925 → 749.93
    approved(alice, project, day=D(2026, 3, 3), hours="0.25", rate="120.00")  # 30.00
    ChangeOrder.objects.create(
        organisation=org, project=project, description="Export", amount="100.01", status="approved"
    )
    result = run_billing(org, up_to=UNTIL)
    draft = Invoice.objects.get()
    # net 749.93 + 30.00 + 100.01 = 879.94; VAT 21 % of 879.94 = 184.7874 → 184.79
    assert (draft.net_total, draft.tax_total, draft.gross_total) == (
        Decimal("879.94"),
        Decimal("184.79"),
        Decimal("1064.73"),
    )
    assert set(draft.lines.values_list("tax_category", "tax_rate")) == {
        (tax["S"].pk, Decimal("21.00"))
    }
    assert result.billed[0].gross == Decimal("1064.73")

    issued = issuing.issue_invoice(draft, by=accountant, issue_date=D(2026, 4, 1))
    assert (issued.net_total, issued.tax_total, issued.gross_total) == (
        draft.net_total,
        draft.tax_total,
        draft.gross_total,
    )


def test_project_category_wins_and_a_hand_made_draft_agrees(org, client_, alice, accountant):
    tax = inv.taxes(org)
    client_.default_tax_category = tax["S"]
    client_.save()
    books = f.project(org, client_, code="BOOKS", default_tax_category=tax["AA"])
    approved(alice, books, day=D(2026, 3, 2), hours="3.00", rate="33.33")  # 99.99
    assert preview(org, up_to=UNTIL).billed[0].gross == Decimal("108.99")  # + 9 % = 9.00
    run_billing(org, up_to=UNTIL)
    run_draft = Invoice.objects.get(project=books)
    by_hand = inv.draft(accountant, client_, [("Books", "3", "33.33", None)], project=books)
    assert (run_draft.tax_total, run_draft.gross_total) == (by_hand.tax_total, by_hand.gross_total)
    assert (run_draft.tax_total, run_draft.gross_total) == (Decimal("9.00"), Decimal("108.99"))


def test_an_open_draft_keeps_its_lines_categories_when_a_run_adds_to_it(
    org, client_, project, alice, accountant
):
    tax = inv.taxes(org)
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    draft = Invoice.objects.get()
    drafts.update_line(draft.lines.get(), {"tax_category": tax["AA"]}, by=accountant)
    ChangeOrder.objects.create(
        organisation=org, project=project, description="Export", amount="200.00", status="approved"
    )
    run_billing(org, up_to=UNTIL)
    draft.refresh_from_db()
    # 100.00 at 9 % (9.00) + 200.00 at 21 % (42.00)
    assert (draft.net_total, draft.tax_total, draft.gross_total) == (
        Decimal("300.00"),
        Decimal("51.00"),
        Decimal("351.00"),
    )
    issued = issuing.issue_invoice(draft, by=accountant, issue_date=D(2026, 4, 1))
    assert (issued.tax_total, issued.gross_total) == (Decimal("51.00"), Decimal("351.00"))


def test_without_any_tax_category_the_draft_has_no_vat(org, project, alice):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    draft = Invoice.objects.get()
    assert (draft.tax_total, draft.gross_total) == (Decimal("0.00"), Decimal("100.00"))
