"""The receipts annex of an issued invoice (``ReceiptAnnex``): the receipts of the expenses it
bills, as one PDF the client gets beside the invoice.

Layout: a cover page naming the invoice and listing each receipt (date, category, supplier,
amount, where it is in the annex); then each receipt in that order — an image as one page fitted
to A4, a PDF with all its pages; and every receipt's original file embedded as an attachment of
the annex (the evidence as uploaded, also for what cannot be shown as a page, e.g. HEIC). The
invoice's own PDF is not touched: it stays the document that was issued (PDF/A-3 for Factur-X).

Made when the invoice's documents are frozen (``invoicing.signals.documents_frozen``, after
commit, retried until it succeeds), once: a second call returns the stored annex.
"""

from __future__ import annotations

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.html import escape
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from timeledger.core.money import quantize
from timeledger.expenses.models import Expense, ReceiptAnnex
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.rendering import render_pdf

logger = logging.getLogger(__name__)

A4_INCHES = (8.27, 11.69)


def billed_receipts(invoice: Invoice) -> list[Expense]:
    """The invoice's billed expenses that have a receipt, by date."""
    return list(
        Expense.objects.filter(invoice_line__invoice=invoice)
        .exclude(receipt="")
        .select_related("category")
        .order_by("date", "id")
    )


def _read(expense: Expense) -> bytes:
    with expense.receipt.open("rb") as fh:
        return fh.read()


def _receipt_pages(data: bytes, content_type: str) -> list:
    """The receipt's pages (pypdf page objects), or [] when it cannot be shown as a page."""
    try:
        if content_type == "application/pdf":
            return list(PdfReader(io.BytesIO(data)).pages)
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGB")
            dpi = max(image.width / A4_INCHES[0], image.height / A4_INCHES[1], 72)
            out = io.BytesIO()
            image.save(out, "PDF", resolution=dpi)
        return list(PdfReader(io.BytesIO(out.getvalue())).pages)
    except (PyPdfError, UnidentifiedImageError, OSError, ValueError) as exc:
        logger.warning("receipt of type %s is attached only: %s", content_type, exc)
        return []


def _cover(invoice: Invoice, rows: list[tuple[Expense, str]]) -> bytes:
    body = "".join(
        f"<tr><td>{e.date:%Y-%m-%d}</td><td>{escape(e.category.name)}</td>"
        f"<td>{escape(e.supplier or e.description)}</td>"
        f"<td class='num'>{quantize(e.amount, e.currency)} {e.currency}</td><td>{escape(where)}</td></tr>"
        for e, where in rows
    )
    html = (
        "<html><head><style>@page{size:A4;margin:20mm}body{font-family:sans-serif;"
        "font-size:10pt}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px "
        "solid #ccc;padding:4px;text-align:left}.num{text-align:right}</style></head><body>"
        f"<h1>Receipts annex</h1><p>Invoice {escape(invoice.number)} of "
        f"{invoice.issue_date:%Y-%m-%d}, {len(rows)} receipt(s).</p>"
        "<table><tr><th>Date</th><th>Category</th><th>Supplier</th><th>Paid</th>"
        f"<th>In this annex</th></tr>{body}</table></body></html>"
    )
    return render_pdf(html)


def build(invoice: Invoice, expenses: list[Expense]) -> tuple[bytes, int]:
    """The annex PDF of ``expenses``' receipts and its page count (see the module docstring)."""
    receipts = [(e, _read(e)) for e in expenses]
    pages, rows, page = [], [], 2  # the cover is page 1
    for e, data in receipts:
        found = _receipt_pages(data, e.receipt_type)
        pages.append(found)
        name = e.receipt_name or "receipt"
        if found:
            span = f"page {page}" if len(found) == 1 else f"pages {page}–{page + len(found) - 1}"
            rows.append((e, f"{span}; attached: {name}"))
        else:
            rows.append((e, f"attached: {name}"))
        page += len(found)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_cover(invoice, rows))))
    for found in pages:
        for p in found:
            writer.add_page(p)
    for n, (e, data) in enumerate(receipts, start=1):
        writer.add_attachment(f"{n:02d}-{e.date:%Y%m%d}-{e.receipt_name or 'receipt'}", data)
    writer.add_metadata({"/Title": f"Receipts annex to invoice {invoice.number}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def ensure_annex(invoice: Invoice) -> ReceiptAnnex | None:
    """The invoice's stored annex, made the first time; None when it bills no receipt."""
    found = ReceiptAnnex.objects.filter(invoice=invoice).first()
    if found is not None:
        return found
    expenses = billed_receipts(invoice)
    if not expenses:
        return None
    data, pages = build(invoice, expenses)
    annex = ReceiptAnnex(
        organisation_id=invoice.organisation_id,
        invoice=invoice,
        sha256=hashlib.sha256(data).hexdigest(),
        receipts=len(expenses),
        pages=pages,
    )
    annex.file.save(f"{invoice.number}-receipts.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            annex.save()
    except IntegrityError:  # another worker stored it meanwhile: theirs is the annex
        annex.file.delete(save=False)
        return ReceiptAnnex.objects.get(invoice=invoice)
    return annex


def annex_file(annex: ReceiptAnnex) -> tuple[str, bytes, str]:
    """``(filename, bytes, mimetype)`` of a stored annex, as the e-mail attaches it."""
    with annex.file.open("rb") as fh:
        return f"{annex.invoice.number}-receipts.pdf", fh.read(), "application/pdf"
