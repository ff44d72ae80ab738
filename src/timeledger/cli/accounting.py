"""Accounting commands: ``timeledger accounting export --format journal_csv|journal_xlsx|datev|
xero|qbo --from DATE --to DATE [--all] [--out FILE]`` (only what is new since the last export in
that format, unless ``--all``) and ``timeledger accounting mapping [--chart SKR03|SKR04]
[--set FIELD=ACCOUNT]…``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from timeledger.accounting import services
from timeledger.accounting.models import ExportFormat
from timeledger.cli import CliError, add_output_option


def _day(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--{name} {value!r}: use YYYY-MM-DD") from None


def export(args, ctx) -> int:
    e = services.export(
        by=ctx.member,
        format=args.format,
        date_from=_day(args.date_from, "from"),
        date_to=_day(args.date_to, "to"),
        everything=args.all,
    )
    if args.out == "-":
        sys.stdout.buffer.write(bytes(e.content))
        return 0
    out = Path(args.out or e.file_name)
    try:
        out.write_bytes(bytes(e.content))
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    print(f"wrote {out}: {e.documents} documents ({e.get_format_display()})")
    return 0


def mapping(args, ctx) -> int:
    data = {}
    if args.chart:
        data["chart"] = args.chart
    for spec in args.set:
        key, sep, value = spec.partition("=")
        if not sep:
            raise CliError(f"--set {spec!r}: use FIELD=ACCOUNT, e.g. bank=1800")
        data[key.strip()] = value.strip()
    m = (
        services.update_mapping(data, by=ctx.member)
        if data
        else services.mapping_for(ctx.member.organisation)
    )
    for field in services.MAPPING_FIELDS:
        print(f"{field}\t{getattr(m, field)}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("accounting", help="exports for the books, account mapping")
    sub = parser.add_subparsers(dest="accounting_command", metavar="ACTION", required=True)
    p = sub.add_parser("export", help="export a period for accounting")
    p.add_argument("--format", required=True, choices=ExportFormat.values)
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("--all", action="store_true", help="also what was exported before")
    add_output_option(p, "file (default: the export's name; - for stdout)")
    p.set_defaults(handler=export)
    p = sub.add_parser("mapping", help="show or change the account mapping")
    p.add_argument("--chart", choices=["SKR03", "SKR04"])
    p.add_argument("--set", action="append", default=[], metavar="FIELD=ACCOUNT")
    p.set_defaults(handler=mapping)
