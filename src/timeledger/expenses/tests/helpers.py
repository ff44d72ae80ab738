"""Test helpers: categories and expenses logged through the services, small real receipts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from timeledger.expenses import services
from timeledger.expenses.models import ExpenseCategory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
D = dt.date
DAY = dt.date(2026, 3, 3)


def category(org, name="Travel", **kw) -> ExpenseCategory:
    return ExpenseCategory.objects.create(organisation=org, name=name, **kw)


def receipt(content: bytes = PDF, name: str = "receipt.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def log(by, project, cat, *, amount="100.00", day=DAY, receipt=None, **kw):
    data = services.ExpenseInput(
        project=project,
        category=cat,
        date=day,
        amount=Decimal(amount),
        vat_amount=Decimal(kw.pop("vat", "0")),
        markup_percent=Decimal(kw.pop("markup", "0")),
        **kw,
    )
    return services.create_expense(data, by=by, receipt=receipt)
