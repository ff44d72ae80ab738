"""Bank commands: ``timeledger bank import FILE [--format camt053|camt054|mt940|csv]
[--map FIELD=COLUMN]… [--decimal ,] [--date-format %d.%m.%Y]``, ``bank queue`` (credits to
review with their suggestions), ``bank confirm TX [--invoice ID:AMOUNT]…``, ``bank undo TX``,
``bank ignore TX --reason R``, ``bank auto on|off``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from timeledger.banking import services
from timeledger.banking.models import BankTransaction, StatementFormat
from timeledger.cli import CliError


def _tx(member, pk: int) -> BankTransaction:
    tx = BankTransaction.objects.filter(organisation=member.organisation, pk=pk).first()
    if tx is None:
        raise CliError(f"no bank transaction {pk}")
    return tx


def import_file(args, ctx) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    mapping = {}
    for spec in args.map:
        key, sep, column = spec.partition("=")
        if not sep:
            raise CliError(f"--map {spec!r}: use FIELD=COLUMN, e.g. date=Buchungstag")
        mapping[key.strip()] = column.strip()
    s = services.import_statement(
        data,
        by=ctx.member,
        file_name=path.name,
        format=args.format,
        mapping=mapping or None,
        decimal=args.decimal,
        date_format=args.date_format,
    )
    matched = s.transactions.filter(status=BankTransaction.Status.MATCHED).count()
    review = s.transactions.filter(status=BankTransaction.Status.REVIEW).count()
    print(
        f"statement {s.pk} ({s.get_format_display()}, {s.account or 'no account'}): "
        f"{s.credits_new} new credits, {matched} recorded as payments, {review} to review, "
        f"{s.duplicates} seen before, {s.debits_skipped} debits skipped"
    )
    return 0


def queue(args, ctx) -> int:
    for t in services.review_queue(ctx.member):
        hint = t.suggestion.get("note", "")
        allocations = ", ".join(f"{k}:{v}" for k, v in t.suggestion.get("allocations", {}).items())
        print(
            f"{t.pk}\t{t.booking_date}\t{t.amount} {t.currency}\t{t.counterparty}\t"
            f"{t.remittance[:60]}\t{hint}{f' → {allocations}' if allocations else ''}"
        )
    return 0


def confirm(args, ctx) -> int:
    allocations = None
    if args.invoice:
        allocations = {}
        for spec in args.invoice:
            inv_id, sep, amount = spec.partition(":")
            try:
                allocations[int(inv_id)] = Decimal(amount)
            except (ValueError, InvalidOperation):
                raise CliError(f"--invoice {spec!r}: use INVOICE_ID:AMOUNT") from None
            if not sep:
                raise CliError(f"--invoice {spec!r}: use INVOICE_ID:AMOUNT")
    payment = services.confirm(_tx(ctx.member, args.tx), by=ctx.member, allocations=allocations)
    print(f"recorded payment {payment.pk} of {payment.amount} {payment.currency}")
    return 0


def undo(args, ctx) -> int:
    services.undo(_tx(ctx.member, args.tx), by=ctx.member, reason=args.reason or "")
    print(f"transaction {args.tx} is back in the review queue; its payment is reversed")
    return 0


def ignore(args, ctx) -> int:
    services.ignore(_tx(ctx.member, args.tx), by=ctx.member, reason=args.reason)
    print(f"transaction {args.tx} ignored")
    return 0


def auto(args, ctx) -> int:
    s = services.update_settings(by=ctx.member, auto_record=args.value == "on")
    print("confident matches are " + ("recorded" if s.auto_record else "only suggested"))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("bank", help="import bank statements and reconcile payments")
    sub = parser.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    p = sub.add_parser("import", help="import a CAMT.053/054, MT940 or CSV statement")
    p.add_argument("file")
    p.add_argument("--format", choices=StatementFormat.values)
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
    p.add_argument("--decimal", choices=[".", ","])
    p.add_argument("--date-format")
    p.set_defaults(handler=import_file)
    sub.add_parser("queue", help="credits waiting for review").set_defaults(handler=queue)
    p = sub.add_parser("confirm", help="record a queued credit as a payment")
    p.add_argument("tx", type=int)
    p.add_argument("--invoice", action="append", metavar="ID:AMOUNT", help="split by hand")
    p.set_defaults(handler=confirm)
    p = sub.add_parser("undo", help="undo a match (reverses its payment)")
    p.add_argument("tx", type=int)
    p.add_argument("--reason")
    p.set_defaults(handler=undo)
    p = sub.add_parser("ignore", help="not a client's payment")
    p.add_argument("tx", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=ignore)
    p = sub.add_parser("auto", help="record confident matches (on) or only suggest (off)")
    p.add_argument("value", choices=["on", "off"])
    p.set_defaults(handler=auto)
