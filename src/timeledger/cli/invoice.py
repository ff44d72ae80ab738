"""Invoice commands: ``list``, ``show``, ``issue``, ``send``, ``pay``, ``pdf``, ``credit``, ``void``,
``final`` (a project's final invoice, made by the billing engine: ``billing.final``).

An invoice is named by its number (``INV-2026-00001``) or its id (drafts have no number). Each
command calls one service of ``billing.issuing``/``billing.delivery``/``payments.services`` and
prints one line; errors are one line on stderr with a non-zero exit.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from timeledger.billing.final import create_final_invoice
from timeledger.cli import CliError, add_output_option
from timeledger.core.hours import format_quantity, unit_label
from timeledger.core.money import format_money, quantize
from timeledger.invoicing.delivery import send_invoice
from timeledger.invoicing.issuing import create_credit_note, issue_invoice, void_invoice
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.pdf import ensure_pdf
from timeledger.payments.models import Payment
from timeledger.payments.services import pay_invoice, record_payment, reverse_payment
from timeledger.projects.models import Project


def _invoice(member, ref: str):

    qs = Invoice.objects.filter(organisation=member.organisation)
    if ref.isdigit():
        found = qs.filter(pk=int(ref)).first()
    else:
        found = qs.filter(number__iexact=ref).first()
    if found is None:
        raise CliError(f"no invoice {ref!r}")
    return found


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    if text == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _decimal(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CliError(f"{what} {text!r} is not a number") from None
    if not value.is_finite():
        raise CliError(f"{what} {text!r} is not a number")
    return value


def _money(amount, row) -> str:
    """An amount in its row's currency (``121.00`` EUR, ``18.518`` KWD), plain for scripts."""
    return str(quantize(amount, row.currency))


def _line(invoice) -> str:
    return (
        f"{invoice} {invoice.get_kind_display().lower()} {invoice.client.code} "
        f"{invoice.get_status_display().lower()} total {_money(invoice.gross_total, invoice)} "
        f"{invoice.currency} open {_money(invoice.balance_due, invoice)}"
        + (f" due {invoice.due_date}" if invoice.due_date else "")
    )


def list_invoices(args, ctx) -> int:

    member = ctx.member
    qs = Invoice.objects.filter(organisation=member.organisation).select_related("client")
    if args.status:
        qs = qs.filter(status=args.status)
    if args.client:
        qs = qs.filter(client__code__iexact=args.client)
    for invoice in qs.order_by("issue_date", "id"):
        print(_line(invoice))
    return 0


def show(args, ctx) -> int:
    invoice = _invoice(ctx.member, args.invoice)
    print(_line(invoice))
    for line in invoice.lines.all():
        print(
            f"  #{line.pk} {line.description} | {format_quantity(line.quantity)} "
            f"{unit_label(line.unit)} × {format_money(line.unit_price, invoice.currency, price=True)}"
            f" = {_money(line.net_amount, invoice)} | VAT {line.tax_rate} %"
        )
    print(
        f"  net {_money(invoice.net_total, invoice)} VAT {_money(invoice.tax_total, invoice)}"
        f" total {_money(invoice.gross_total, invoice)}"
    )
    return 0


def issue(args, ctx) -> int:

    invoice = issue_invoice(
        _invoice(ctx.member, args.invoice), by=ctx.member, issue_date=_date(args.date)
    )
    print(f"issued {_line(invoice)}")
    return 0


def send(args, ctx) -> int:

    invoice = send_invoice(_invoice(ctx.member, args.invoice), by=ctx.member, to=args.to or None)
    print(f"sent {invoice} to {', '.join(args.to or [invoice.client.invoice_email])}")
    return 0


def pay(args, ctx) -> int:

    member = ctx.member
    invoice = _invoice(member, args.invoice)
    amount = _decimal(args.amount, "amount")
    values = dict(
        by=member,
        amount=amount,
        date=_date(args.date) or dt.date.today(),
        method=args.method,
        reference=args.reference or "",
    )
    if args.spread:
        payment = record_payment(invoice.client, **values)
    else:
        payment = pay_invoice(invoice, **values)
    invoice.refresh_from_db()
    extra = (
        f"; {_money(payment.unapplied, payment)} {payment.currency} kept as client credit"
        if payment.unapplied
        else ""
    )
    print(f"paid {_money(payment.amount, payment)} {payment.currency}: {_line(invoice)}{extra}")
    return 0


def unpay(args, ctx) -> int:

    member = ctx.member
    payment = Payment.objects.filter(organisation=member.organisation, pk=args.payment).first()
    if payment is None:
        raise CliError(f"no payment {args.payment}")
    payment = reverse_payment(payment, by=member, reason=args.reason)
    print(
        f"reversed payment {payment.pk} of {_money(payment.amount, payment)} {payment.currency}"
        f" ({payment.reversal_reason}); its invoices are open again"
    )
    return 0


def pdf(args, ctx) -> int:

    invoice = _invoice(ctx.member, args.invoice)
    data = ensure_pdf(invoice)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return 0
    out = Path(args.out or f"{invoice.number or f'{invoice.kind}-{invoice.pk}'}.pdf")
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    print(f"wrote {out} ({len(data)} bytes)")
    return 0


def credit(args, ctx) -> int:

    member = ctx.member
    invoice = _invoice(member, args.invoice)
    lines = None
    if args.line:
        lines = {}
        for spec in args.line:
            line_id, sep, qty = spec.partition(":")
            if not sep or not line_id.isdigit():
                raise CliError(f"--line {spec!r}: use LINE_ID:QUANTITY (see `invoice show`)")
            lines[int(line_id)] = _decimal(qty, "quantity")
    note = create_credit_note(
        invoice,
        by=member,
        lines=lines,
        reason=args.reason or "",
        release_entries=args.release_entries,
    )
    if not args.draft:
        note = issue_invoice(note, by=member, issue_date=_date(args.date))
    print(f"{'drafted' if args.draft else 'issued'} {_line(note)} for {invoice}")
    return 0


def void(args, ctx) -> int:

    invoice = void_invoice(_invoice(ctx.member, args.invoice), by=ctx.member, reason=args.reason)
    print(f"voided {_line(invoice)}")
    return 0


def final(args, ctx) -> int:

    member = ctx.member
    project = Project.objects.filter(
        organisation=member.organisation, code__iexact=args.project
    ).first()
    if project is None:
        raise CliError(f"no project {args.project!r}")
    invoice = create_final_invoice(project, by=member, up_to=_date(args.until))
    print(f"drafted {_line(invoice)} for project {project.code}")
    for line in invoice.lines.all():
        print(f"  {line.description} | net {line.net_amount}")
    print(f"  net {invoice.net_total} VAT {invoice.tax_total} total {invoice.gross_total}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("invoice", help="issue, send, pay, print and credit invoices")
    sub = parser.add_subparsers(dest="invoice_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", help="list invoices")
    p.add_argument("--status")
    p.add_argument("--client", help="client code")
    p.set_defaults(handler=list_invoices)

    p = sub.add_parser("show", help="an invoice with its lines")
    p.add_argument("invoice", help="number or id")
    p.set_defaults(handler=show)

    p = sub.add_parser("issue", help="give a draft its number and freeze it")
    p.add_argument("invoice", help="id of the draft")
    p.add_argument("--date", help="issue date (default today)")
    p.set_defaults(handler=issue)

    p = sub.add_parser("send", help="e-mail an issued invoice with its PDF")
    p.add_argument("invoice")
    p.add_argument("--to", action="append", help="recipient (default: the client's invoice e-mail)")
    p.set_defaults(handler=send)

    p = sub.add_parser("pay", help="record a payment")
    p.add_argument("invoice")
    p.add_argument("--amount", required=True)
    p.add_argument("--date", help="date received (default today)")
    p.add_argument("--method", default="bank_transfer")
    p.add_argument("--reference")
    p.add_argument(
        "--spread",
        action="store_true",
        help="settle the client's open invoices oldest first, not just this one",
    )
    p.set_defaults(handler=pay)

    p = sub.add_parser("reverse-payment", help="reverse a payment (it stays, marked reversed)")
    p.add_argument("payment", type=int, help="payment id")
    p.add_argument("--reason", required=True, help="why, e.g. bounced")
    p.set_defaults(handler=unpay)

    p = sub.add_parser("pdf", help="write the invoice PDF (the stored one once issued)")
    p.add_argument("invoice")
    add_output_option(p, "file (default NUMBER.pdf; - for stdout)")
    p.set_defaults(handler=pdf)

    p = sub.add_parser("credit", help="credit all or some lines with a credit note")
    p.add_argument("invoice")
    p.add_argument("--line", action="append", metavar="LINE_ID:QTY", help="repeat; default all")
    p.add_argument("--reason")
    p.add_argument("--release-entries", action="store_true", help="put the time back to unbilled")
    p.add_argument("--draft", action="store_true", help="leave the credit note as a draft")
    p.add_argument("--date", help="issue date (default today)")
    p.set_defaults(handler=credit)

    p = sub.add_parser(
        "final", help="draft a project's final invoice (issuing it closes the project)"
    )
    p.add_argument("--project", required=True, metavar="CODE")
    p.add_argument("--until", help="bill work up to this date (default today)")
    p.set_defaults(handler=final)

    p = sub.add_parser("void", help="void an issued invoice (keeps its number and PDF)")
    p.add_argument("invoice")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=void)
