"""Reconciliation end to end: CAMT.053, MT940 and CSV statements become exactly the expected
payments and review-queue entries; duplicates add nothing; automatic matches are audited and can
be undone."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from timeledger.banking import rules, services
from timeledger.banking.models import BankStatement, BankTransaction
from timeledger.banking.tests import statements
from timeledger.core.models import AuditLog
from timeledger.invoicing.models import InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments.models import Payment
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _no_pdf(settings):
    settings.INVOICE_PDF_ON_ISSUE = False


@pytest.fixture
def book(org, accountant, client_):
    """Four open invoices: A 100, B 200, C 300 of Acme Retail; D 500 of Beta GmbH."""
    tax = inv.taxes(org)
    beta = f.client(org, code="BETA", name="Beta GmbH", currency="EUR")

    def issue(cl, amount):
        return inv.issued(accountant, cl, [("Work", "1", amount, tax["Z"])])

    return {
        "A": issue(client_, "100"),
        "B": issue(client_, "200"),
        "C": issue(client_, "300"),
        "D": issue(beta, "500"),
        "beta": beta,
    }


def _camt(book):
    a, b, c = book["A"], book["B"], book["C"]
    return statements.camt053(
        [
            # one transfer paying two invoices, named in the unstructured remittance
            {
                "amount": "300.00",
                "txs": [
                    {
                        "amount": "300.00",
                        "ustrd": f"Invoices {a.number} and {b.number}",
                        "name": "Acme Retail BV",
                        "iban": "DE89370400440532013000",
                        "e2e": "E2E-1",
                    }
                ],
            },
            # a partial payment by structured RF creditor reference
            {
                "amount": "120.00",
                "txs": [
                    {
                        "amount": "120.00",
                        "ref": rules.rf_reference(c.number),
                        "name": "Acme Retail BV",
                    }
                ],
            },
            # an unknown reference
            {"amount": "77.00", "txs": [{"amount": "77.00", "ustrd": "Order 4711 thanks"}]},
            # a debit: not a payment from a client
            {"amount": "50.00", "sign": "DBIT", "txs": [{"amount": "50.00", "sign": "DBIT"}]},
            # a batch entry of two transfers: one names nothing but owes D's exact amount
            {
                "amount": "510.00",
                "txs": [
                    {"amount": "500.00", "ustrd": "November services", "name": "Beta GmbH"},
                    {"amount": "10.00", "ustrd": "interest"},
                ],
            },
        ]
    )


def test_camt053_several_invoices_partial_unknown_and_duplicate(accountant, book):
    statement = services.import_statement(_camt(book), by=accountant, file_name="nov.xml")
    assert statement.format == "camt053" and statement.account == statements.ACCOUNT
    assert (statement.transactions_found, statement.credits_new, statement.debits_skipped) == (
        6,
        5,
        1,
    )
    a, b, c, d = (book[k] for k in "ABCD")
    for invoice in (a, b, c, d):
        invoice.refresh_from_db()
    # several invoices in one transfer, split: both paid
    assert a.status == b.status == InvoiceStatus.PAID
    # partial payment by RF reference
    assert c.status == InvoiceStatus.PARTIALLY_PAID and c.amount_paid == D("120.000")
    # the amount-only match is a suggestion, not a payment
    assert d.status == InvoiceStatus.ISSUED
    payments = list(Payment.objects.order_by("id"))
    assert [
        (p.amount, sorted(p.allocations.values_list("amount", flat=True))) for p in payments
    ] == [
        (D("300.000"), [D("100.000"), D("200.000")]),
        (D("120.000"), [D("120.000")]),
    ]
    queue = BankTransaction.objects.filter(status="review").order_by("amount")
    assert [(t.amount, t.suggestion["kind"]) for t in queue] == [
        (D("10.000"), "none"),
        (D("77.000"), "none"),
        (D("500.000"), "amount"),
    ]
    beta_tx = queue.get(amount=D("500"))
    assert beta_tx.suggestion["allocations"] == {str(d.pk): "500.00"}
    assert beta_tx.counterparty == "Beta GmbH"
    # every automatic match is audited on its transaction
    assert AuditLog.objects.filter(action="bank_match_auto").count() == 2

    # the same file again: refused, nothing new
    with pytest.raises(ValidationError, match="imported already"):
        services.import_statement(_camt(book), by=accountant, file_name="nov.xml")
    assert BankStatement.objects.count() == 1 and Payment.objects.count() == 2
    assert BankTransaction.objects.count() == 5


def test_confirming_a_suggestion_and_splitting_by_hand(accountant, book):
    services.import_statement(_camt(book), by=accountant)
    d, c = book["D"], book["C"]
    beta_tx = BankTransaction.objects.get(amount=D("500"))
    services.confirm(beta_tx, by=accountant)
    d.refresh_from_db()
    assert d.status == InvoiceStatus.PAID
    unknown = BankTransaction.objects.get(amount=D("77"))
    payment = services.confirm(unknown, by=accountant, allocations={c.pk: D("70")})
    c.refresh_from_db()
    assert c.amount_paid == D("190.000") and payment.unapplied == D("7.000")  # 7 as credit
    assert AuditLog.objects.filter(action="bank_match").count() == 2


def test_undoing_an_automatic_match_reverses_the_payment(accountant, book):
    services.import_statement(_camt(book), by=accountant)
    tx = BankTransaction.objects.get(amount=D("300"))
    payment = tx.payment
    services.undo(tx, by=accountant, reason="wrong client")
    tx.refresh_from_db()
    payment.refresh_from_db()
    a = book["A"]
    a.refresh_from_db()
    assert tx.status == "review" and tx.payment is None
    assert payment.is_reversed and payment.reversal_reason == "wrong client"
    assert a.status == InvoiceStatus.ISSUED and a.amount_paid == D("0.000")
    assert AuditLog.objects.filter(action="bank_match_undo", object_id=str(tx.pk)).exists()


def test_suggest_only_when_auto_record_is_off(accountant, book):
    services.update_settings(by=accountant, auto_record=False)
    services.import_statement(_camt(book), by=accountant)
    assert not Payment.objects.exists()
    tx = BankTransaction.objects.get(amount=D("300"))
    assert tx.status == "review" and tx.suggestion["confident"] is True
    assert tx.suggestion["allocations"] == {
        str(book["A"].pk): "100.00",
        str(book["B"].pk): "200.00",
    }


def test_mt940_several_partial_unknown_overpayment_and_overlap(accountant, book):
    a, b, c = book["A"], book["B"], book["C"]
    data = statements.mt940(
        [
            ("C", "300,00", f"/EREF/E2E-9/REMI/{a.number} {b.number}/NAME/Acme Retail BV"),
            ("C", "50,00", f"/REMI/part of {c.number}/NAME/Acme Retail BV"),
            ("C", "12,34", "/REMI/unknown thing/NAME/Someone"),
            ("D", "20,00", "/REMI/card fee"),
        ]
    )
    statement = services.import_statement(data, by=accountant, file_name="dec.sta")
    assert statement.format == "mt940" and statement.account == statements.ACCOUNT
    assert (statement.credits_new, statement.debits_skipped) == (3, 1)
    for invoice in (a, b, c):
        invoice.refresh_from_db()
    assert a.status == b.status == InvoiceStatus.PAID
    assert c.amount_paid == D("50.000")
    assert list(
        BankTransaction.objects.filter(status="review").values_list("amount", flat=True)
    ) == [D("12.340")]
    # an overlapping statement (another file, same credits and one new over-payment)
    more = statements.mt940(
        [
            ("C", "300,00", f"/EREF/E2E-9/REMI/{a.number} {b.number}/NAME/Acme Retail BV"),
            ("C", "260,00", f"/REMI/{c.number} rest/NAME/Acme Retail BV"),
        ],
        ref="STMT20261201B",
    )
    second = services.import_statement(more, by=accountant)
    assert (second.credits_new, second.duplicates) == (1, 1)
    c.refresh_from_db()
    assert c.status == InvoiceStatus.PAID  # 50 + 250; 10 over stays as credit
    last = Payment.objects.order_by("-id").first()
    assert last.amount == D("260.000") and last.unapplied == D("10.000")


def test_csv_with_a_column_mapping(accountant, book):
    a = book["A"]
    data = (
        "Buchungstag;Betrag;Waehrung;Name;Zweck\n"
        f"01.12.2026;100,00;EUR;Acme Retail BV;Rechnung {a.number}\n"
        "01.12.2026;-5,00;EUR;Bank;Gebuehr\n"
    ).encode()
    statement = services.import_statement(
        data,
        by=accountant,
        format="csv",
        mapping={"date": "Buchungstag", "amount": "Betrag", "remittance": "Zweck"},
    )
    assert (statement.credits_new, statement.debits_skipped) == (1, 1)
    a.refresh_from_db()
    assert a.status == InvoiceStatus.PAID
    tx = BankTransaction.objects.get()
    assert tx.booking_date == dt.date(2026, 12, 1) and tx.counterparty == "Acme Retail BV"


def test_bad_files_say_why(accountant):
    with pytest.raises(ValidationError, match="not well-formed XML"):
        services.import_statement(b"<Document><BkToCstmrStmt>", by=accountant)
    with pytest.raises(ValidationError, match="no date column"):
        services.import_statement(b"a;b\n1;2\n", by=accountant, format="csv")
    with pytest.raises(ValidationError, match="no column 'Nope'"):
        services.import_statement(
            b"Date,Amount\n2026-12-01,5.00\n", by=accountant, mapping={"remittance": "Nope"}
        )


def test_members_cannot_import(alice):
    with pytest.raises(Exception, match="cannot import"):
        services.import_statement(b"x", by=alice)
