"""Invoice API: the flow, field errors in the one error shape, immutability, tenancy."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(org):
    return inv.taxes(org)


def test_create_issue_pay_via_api(api, accountant, client_, tax):
    c = api(accountant)
    r = c.post(
        "/api/invoices/",
        {
            "client": client_.pk,
            "lines": [
                {
                    "description": "Design",
                    "quantity": "12.5",
                    "unit_price": "150.00",
                    "tax_category": tax["S"].pk,
                },
                {
                    "description": "Books",
                    "quantity": "3",
                    "unit_price": "19.99",
                    "tax_category": tax["AA"].pk,
                },
            ],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "draft" and body["number"] == ""
    # 1875.00 + 59.97; VAT 393.75 + 5.40 (59.97 × 9 % = 5.3973)
    assert body["net_total"] == "1934.97" and body["tax_total"] == "399.15"
    r = c.post(f"/api/invoices/{body['id']}/issue/", {"issue_date": "2026-03-02"}, format="json")
    assert r.status_code == 200, r.content
    issued = r.json()
    assert issued["number"] == "INV-2026-00001"
    assert issued["gross_total"] == "2334.12"
    assert issued["due_date"] == "2026-04-01"
    assert issued["public_url"].endswith(f"/i/{Invoice.objects.get().public_token}/")
    r = c.post(
        "/api/payments/",
        {
            "client": client_.pk,
            "amount": "2400.00",
            "date": "2026-03-15",
            "allocations": [{"invoice": body["id"], "amount": "2334.12"}],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["unapplied"] == "65.88"
    assert c.get(f"/api/invoices/{body['id']}/").json()["status"] == "paid"


def test_api_refuses_changes_to_issued_invoice(api, accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    line = invoice.lines.get()
    c = api(accountant)
    assert_error(c.patch(f"/api/invoices/{invoice.pk}/", {"notes": "x"}, format="json"), 400)
    assert_error(c.delete(f"/api/invoices/{invoice.pk}/"), 400)
    assert_error(c.patch(f"/api/invoice-lines/{line.pk}/", {"quantity": "5"}, format="json"), 400)
    assert_error(c.delete(f"/api/invoice-lines/{line.pk}/"), 400)
    assert_error(
        c.post(
            f"/api/invoices/{invoice.pk}/lines/",
            {"description": "x", "quantity": "1", "unit_price": "1"},
            format="json",
        ),
        400,
    )
    assert_error(c.post(f"/api/invoices/{invoice.pk}/issue/", {}, format="json"), 400)
    fresh = Invoice.objects.get(pk=invoice.pk)
    assert fresh.gross_total == Decimal("121.00") and fresh.notes == ""


def test_clear_errors(api, accountant, client_, tax):
    c = api(accountant)
    empty = c.post("/api/invoices/", {"client": client_.pk}, format="json").json()
    body = assert_error(c.post(f"/api/invoices/{empty['id']}/issue/", {}, format="json"), 400)
    assert "no lines" in body["message"]
    draft = inv.draft(accountant, client_, [("A", "2", "100", tax["S"])])
    body = assert_error(
        c.post(
            "/api/payments/",
            {
                "client": client_.pk,
                "amount": "10",
                "date": "2026-03-01",
                "allocations": [{"invoice": draft.pk, "amount": "10"}],
            },
            format="json",
        ),
        400,
        "invoice",
    )
    assert "draft" in body["message"]
    issued = inv.issued(accountant, client_, [("A", "2", "100", tax["S"])])
    line = issued.lines.get()
    body = assert_error(
        c.post(
            f"/api/invoices/{issued.pk}/credit/",
            {"lines": [{"line": line.pk, "quantity": "3"}]},
            format="json",
        ),
        400,
        "lines",
    )
    assert "2 left to credit" in body["message"]
    assert_error(c.post(f"/api/invoices/{issued.pk}/void/", {}, format="json"), 400, "reason")


def test_credit_note_via_api(api, accountant, client_, tax):
    issued = inv.issued(accountant, client_, [("A", "2", "100", tax["S"])])
    c = api(accountant)
    r = c.post(f"/api/invoices/{issued.pk}/credit/", {"reason": "wrong"}, format="json")
    assert r.status_code == 201
    credit = r.json()
    assert credit["kind"] == "credit_note" and credit["gross_total"] == "-242.00"
    r = c.post(f"/api/invoices/{credit['id']}/issue/", {"issue_date": "2026-03-09"}, format="json")
    assert r.json()["number"] == "CN-2026-00001"
    assert c.get(f"/api/invoices/{issued.pk}/").json()["balance_due"] == "0.00"


def test_pdf_endpoint(api, accountant, client_, tax):
    issued = inv.issued(accountant, client_, [("A", "2", "100", tax["S"])])
    r = api(accountant).get(f"/api/invoices/{issued.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


def test_outsider_sees_nothing(api, outsider, accountant, client_, tax):
    issued = inv.issued(accountant, client_, [("A", "2", "100", tax["S"])])
    c = api(outsider)
    assert c.get("/api/invoices/").json()["results"] == []
    assert_error(c.get(f"/api/invoices/{issued.pk}/"), 404)
    assert_error(c.post(f"/api/invoices/{issued.pk}/void/", {"reason": "x"}, format="json"), 404)
    assert_error(c.get(f"/api/invoice-lines/{issued.lines.get().pk}/"), 404)
    assert c.get("/api/payments/").json()["results"] == []
    assert c.get("/api/aging/").json() == []
    body = assert_error(
        c.post("/api/invoices/", {"client": client_.pk}, format="json"), 400, "client"
    )
    assert body


def test_members_cannot_read_or_write_invoices(api, alice, accountant, manager, client_, tax):
    inv.issued(accountant, client_, [("A", "2", "100", tax["S"])])
    assert_error(api(alice).get("/api/invoices/"), 403)
    assert api(manager).get("/api/invoices/").status_code == 200
    assert_error(api(manager).post("/api/invoices/", {"client": client_.pk}, format="json"), 403)


def test_aging_and_reminders_endpoints(api, accountant, client_, tax):
    inv.issued(accountant, client_, [("A", "1", "100", tax["S"])], on=dt.date(2025, 1, 2))
    c = api(accountant)
    rows = c.get("/api/aging/").json()
    assert rows[0]["90+"] == "121.00" and rows[0]["total"] == "121.00"
    client_.invoice_email = "ap@acme.example"
    client_.save()
    assert c.post("/api/reminders/run/").json() == {"sent": 1}
    assert c.post("/api/reminders/run/").json() == {"sent": 0}


def test_tax_categories_and_recurring_via_api(api, accountant, client_, tax):
    c = api(accountant)
    r = c.post("/api/tax-categories/", {"name": "Zero", "code": "Z", "rate": "5.00"}, format="json")
    body = assert_error(r, 400, "rate")
    assert "carries no tax" in body["message"]
    r = c.post(
        "/api/recurring-invoices/",
        {
            "client": client_.pk,
            "name": "Retainer",
            "description": "Retainer {period}",
            "unit_price": "2000.00",
            "frequency": "monthly",
            "next_run": "2026-01-01",
            "tax_category": tax["S"].pk,
        },
        format="json",
    )
    assert r.status_code == 201, r.content


def test_set_project_default_tax_category_via_api(api, accountant, outsider, project, tax):
    c = api(accountant)
    r = c.post(
        "/api/tax-categories/set-default/",
        {"project": project.pk, "tax_category": tax["Z"].pk},
        format="json",
    )
    assert r.status_code == 200, r.content
    project.refresh_from_db()
    assert project.default_tax_category == tax["Z"]
    assert_error(
        api(outsider).post(
            "/api/tax-categories/set-default/",
            {"project": project.pk, "tax_category": None},
            format="json",
        ),
        400,
        "project",
    )


def test_client_viewer_sees_only_their_clients_issued_invoices(api, org, accountant, client_, tax):
    from timeledger.accounts.roles import Role
    from timeledger.testing import factories as f

    other = f.client(org)
    mine = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    inv.draft(accountant, client_, [("Draft", "1", "100", tax["S"])])
    inv.issued(accountant, other, [("B", "1", "100", tax["S"])])
    viewer = f.member(org, Role.CLIENT_VIEWER, client=client_)
    c = api(viewer)
    assert [row["id"] for row in c.get("/api/invoices/").json()["results"]] == [mine.pk]
    assert c.get(f"/api/invoices/{mine.pk}/pdf/").status_code == 200
    assert_error(c.post(f"/api/invoices/{mine.pk}/void/", {"reason": "x"}, format="json"), 403)
    assert_error(c.get("/api/payments/"), 403)


HUGE = "9999999999.9999"


def test_a_line_too_large_to_store_is_a_field_error(api, accountant, client_, tax):
    """quantity × price of 10^20 overflowed the 15-digit line and invoice totals: a 500."""
    invoice = inv.draft(accountant, client_, [("Design", "1", "80", None)])
    line = invoice.lines.get()
    c = api(accountant)
    for method, path, body in [
        (
            "post",
            "/api/invoices/",
            {
                "client": client_.pk,
                "lines": [{"description": "x", "quantity": HUGE, "unit_price": HUGE}],
            },
        ),
        (
            "post",
            f"/api/invoices/{invoice.pk}/lines/",
            {"description": "x", "quantity": HUGE, "unit_price": HUGE},
        ),
        ("patch", f"/api/invoice-lines/{line.pk}/", {"unit_price": HUGE, "quantity": HUGE}),
        (
            "post",
            f"/api/billing/drafts/{invoice.pk}/lines/",
            {"description": "x", "quantity": HUGE, "unit_price": HUGE},
        ),
    ]:
        r = getattr(c, method)(path, body, format="json")
        fields = assert_error(r, 400)["fields"]
        assert any(k.endswith("unit_price") for k in fields), (path, fields)
    invoice.refresh_from_db()
    assert invoice.net_total == Decimal("80.000") and invoice.lines.count() == 1
    ok = c.post(
        f"/api/invoices/{invoice.pk}/lines/",
        {"description": "Big", "quantity": "1000", "unit_price": "1000000"},
        format="json",
    )
    assert ok.status_code == 201, ok.json()


def test_a_payment_wider_than_its_column_is_a_field_error(api, accountant, client_):
    r = api(accountant).post(
        "/api/payments/",
        {"client": client_.pk, "amount": "99999999999999.999", "date": "2026-03-02"},
        format="json",
    )
    assert_error(r, 400, "amount")
