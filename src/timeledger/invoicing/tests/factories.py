"""Test helpers for invoicing: tax categories and draft invoices built through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.taxes import seed_tax_categories


def taxes(org) -> dict[str, TaxCategory]:
    """The standard set, by code: S 21 %, AA 9 %, Z, E, AE (reverse charge)."""
    return {c.code: c for c in seed_tax_categories(org)}


def draft(by, client, lines, *, project=None, kind="standard", notes=""):
    """``lines``: ``[(description, quantity, unit_price, tax_category_or_None), ...]``."""
    return drafts.create_draft(
        client,
        by=by,
        project=project,
        kind=kind,
        notes=notes,
        lines=[
            drafts.LineInput(
                description=d, quantity=Decimal(q), unit_price=Decimal(p), tax_category=t
            )
            for d, q, p, t in lines
        ],
    )


def issued(by, client, lines, *, on=dt.date(2026, 3, 2), **kw):
    return issuing.issue_invoice(draft(by, client, lines, **kw), by=by, issue_date=on)
