"""The ``data`` of each event: a small, stable description of the object it is about.

Amounts are strings in the currency's minor unit, as in the REST API.
"""

from __future__ import annotations

from timeledger.billing.models import BillingRun
from timeledger.core.money import quantize
from timeledger.invoicing.models import Invoice
from timeledger.payments.models import Payment


def _amount(value, currency) -> str:
    return str(quantize(value, currency))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def invoice(obj: Invoice) -> dict:
    return {
        "id": obj.pk,
        "number": obj.number,
        "kind": obj.kind,
        "status": obj.status,
        "client": {"id": obj.client_id, "code": obj.client.code, "name": obj.client.name},
        "currency": obj.currency,
        "net_total": _amount(obj.net_total, obj.currency),
        "tax_total": _amount(obj.tax_total, obj.currency),
        "gross_total": _amount(obj.gross_total, obj.currency),
        "amount_paid": _amount(obj.amount_paid, obj.currency),
        "balance_due": _amount(obj.balance_due, obj.currency),
        "issue_date": _date(obj.issue_date),
        "due_date": _date(obj.due_date),
        "credited_invoice": obj.credited_invoice_id,
    }


def payment(obj: Payment) -> dict:
    return {
        "id": obj.pk,
        "client": {"id": obj.client_id, "code": obj.client.code, "name": obj.client.name},
        "amount": _amount(obj.amount, obj.currency),
        "currency": obj.currency,
        "date": _date(obj.date),
        "method": obj.method,
        "reference": obj.reference,
        "allocations": [
            {
                "invoice": a.invoice_id,
                "number": a.invoice.number,
                "amount": _amount(a.amount, obj.currency),
            }
            for a in obj.allocations.select_related("invoice").order_by("id")
        ],
        "unapplied": _amount(obj.unapplied, obj.currency),
        "reversed_at": obj.reversed_at.isoformat() if obj.reversed_at else None,
        "reversal_reason": obj.reversal_reason,
    }


def billing_run(obj: BillingRun) -> dict:
    return {
        "id": obj.pk,
        "kind": obj.kind,
        "status": obj.status,
        "up_to": _date(obj.up_to),
        "dry_run": obj.dry_run,
        "projects_billed": obj.projects_billed,
        "invoices_created": obj.invoices_created,
        "entries_billed": obj.entries_billed,
        "totals": obj.totals,
    }


BUILDERS = {Invoice: invoice, Payment: payment, BillingRun: billing_run}


def data_for(obj, extra: dict) -> dict:
    if obj is None:
        return dict(extra)
    return {**BUILDERS[type(obj)](obj), **extra}
