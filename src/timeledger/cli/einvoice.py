"""E-invoice commands: ``show FILE`` reads any UBL/CII/Factur-X file; ``get INVOICE`` writes the
stored e-invoice of an issued invoice."""

from __future__ import annotations

import sys
from pathlib import Path

from timeledger.cli import CliError, add_output_option
from timeledger.cli.invoice import _invoice
from timeledger.einvoicing import reader, services


def show(args, ctx) -> int:
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}") from None
    try:
        summary = reader.read(data)
    except reader.NotAnEinvoice as exc:
        raise CliError(f"{args.file}: {exc}") from None
    print(reader.format_summary(summary))
    return 0


def get(args, ctx) -> int:
    invoice = _invoice(ctx.member, args.invoice)
    filename, data, _mimetype = services.download(invoice)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return 0
    out = Path(args.out or filename)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    print(f"wrote {out} ({len(data)} bytes)")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("einvoice", help="read e-invoices; write an invoice's e-invoice")
    sub = parser.add_subparsers(dest="einvoice_command", metavar="ACTION", required=True)

    p = sub.add_parser("show", help="parties, lines and totals of a UBL, CII or Factur-X file")
    p.add_argument("file", help="the file (- for stdin)")
    p.set_defaults(handler=show)

    p = sub.add_parser("get", help="write the stored e-invoice of an issued invoice")
    p.add_argument("invoice", help="number or id")
    add_output_option(p, "file (default NUMBER.xml or NUMBER.pdf; - for stdout)")
    p.set_defaults(handler=get)
