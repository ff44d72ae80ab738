"""Import commands: ``timeledger import FILE [--format F] [--tz ZONE] [--dry-run] …``,
``timeledger imports`` (the organisation's imports), ``timeledger import-undo ID``, and the whole
organisation as one archive: ``timeledger org-export FILE``, ``timeledger org-import FILE --slug S``.

``import`` checks every row and commits the good ones as one audited operation, printing what it
did; ``--dry-run`` prints the same preview and writes nothing. The mapping lines show each name's
key: ``--map KEY=ID`` (or ``KEY=new``) remaps it, e.g.
``--map "project:acme retail/website=12"``.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

from timeledger.accounts.models import Member, User
from timeledger.cli import CliError
from timeledger.clients.models import Client
from timeledger.integrations import archive
from timeledger.integrations.imports import service
from timeledger.integrations.imports.formats import PARSERS
from timeledger.integrations.imports.rows import ImportFileError
from timeledger.integrations.models import ImportBatch

LISTED = 50  # bad rows printed one by one


def register(subparsers) -> None:
    imp = subparsers.add_parser(
        "import",
        help="import time from Toggl Track, Harvest, Clockify, Kimai or Watson exports",
        description=__doc__.splitlines()[0],
    )
    imp.add_argument("file", metavar="FILE", help="the exported file (CSV, XLSX or JSON)")
    imp.add_argument(
        "--format", choices=sorted(PARSERS), help="the file's tool (default: detected)"
    )
    imp.add_argument("--tz", metavar="ZONE", help="zone of the file's local times (default: yours)")
    imp.add_argument("--dry-run", action="store_true", help="preview only; write nothing")
    imp.add_argument(
        "--decimal", choices=[".", ","], help="decimal mark, when the file cannot show it"
    )
    imp.add_argument(
        "--date-order", choices=["ymd", "dmy", "mdy"], help="order of day and month in dates"
    )
    imp.add_argument(
        "--rates-as-overrides",
        action="store_true",
        help="make the file's rates the entries' rates (managers only)",
    )
    imp.add_argument(
        "--no-billed-elsewhere",
        action="store_true",
        help="import rows invoiced in the source as unbilled (a billing run would bill them)",
    )
    imp.add_argument("--member", metavar="EMAIL", help="whose time rows naming nobody are")
    imp.add_argument("--client", metavar="CODE", help="client of new projects without one")
    imp.add_argument(
        "--map", action="append", default=[], metavar="KEY=ID", help="remap a name (repeatable)"
    )
    imp.add_argument("--no-progress", action="store_true", help="no progress bar")
    imp.set_defaults(handler=handle_import)

    listing = subparsers.add_parser("imports", help="list this organisation's imports")
    listing.set_defaults(handler=handle_list)

    undo = subparsers.add_parser(
        "import-undo", help="undo an import while none of its entries is approved or billed"
    )
    undo.add_argument("batch", type=int, metavar="ID")
    undo.set_defaults(handler=handle_undo)

    export = subparsers.add_parser(
        "org-export", help="the whole organisation as one archive (owners and admins)"
    )
    export.add_argument("file", metavar="FILE", help="the archive to write (.zip)")
    export.set_defaults(handler=handle_org_export)

    load = subparsers.add_parser(
        "org-import", help="make a new organisation of an archive; you become its owner"
    )
    load.add_argument("file", metavar="FILE", help="an archive written by org-export")
    load.add_argument("--slug", required=True, help="the new organisation's slug")
    load.add_argument("--name", default="", help="its name (default: the archived one)")
    load.set_defaults(handler=handle_org_import)


def _options(args, member) -> service.ImportOptions:
    target = client = None
    if args.member:
        target = Member.objects.filter(
            organisation=member.organisation, user__email__iexact=args.member
        ).first()
        if target is None:
            raise CliError(f"no member with e-mail {args.member}")
    if args.client:
        client = Client.objects.filter(
            organisation=member.organisation, code__iexact=args.client
        ).first()
        if client is None:
            raise CliError(f"no client with code {args.client!r}")
    return service.ImportOptions(
        fmt=args.format,
        tz=args.tz,
        decimal=args.decimal,
        date_order=args.date_order,
        rates_as_overrides=args.rates_as_overrides,
        invoiced_as_billed=not args.no_billed_elsewhere,
        member_id=target.pk if target else None,
        client_id=client.pk if client else None,
    )


def _mapping(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        key, sep, value = pair.rpartition("=")
        if not sep or not key or not (value.isdigit() or value == "new"):
            raise CliError(f"--map {pair!r}: use KEY=ID or KEY=new")
        out[key.strip()] = value
    return out


def print_summary(summary: dict, out=None) -> None:
    out = out or sys.stdout
    rows = summary["rows"]
    word = summary.get("row_word", "line")
    print(f"{summary['format_label']}: {rows['total']} rows. Times: {summary['timing']}.", file=out)
    print("Mapping:", file=out)
    for e in summary["entities"]:
        target = e["target"] or "—"
        how = e["error"] or e["how"]
        print(f"  {e['kind']:<8} {e['label']} → {target} ({how})  [{e['key']}]", file=out)
    if summary["totals"]:
        print("Per client and project:", file=out)
        for t in summary["totals"]:
            amounts = ", ".join(f"{a} {c}" for c, a in t["amounts"].items())
            billed = f", {t['billed_elsewhere']} billed elsewhere" if t["billed_elsewhere"] else ""
            print(
                f"  {t['client']} / {t['project']}: {t['rows']} entries, {t['hours']} h "
                f"({t['billable_hours']} billable){', ' + amounts if amounts else ''}{billed}",
                file=out,
            )
    for kind, items in (("bad", summary["errors"]), ("changed", summary["changes"])):
        for item in items[:LISTED]:
            print(f"  {kind} {word} {item['line']}: {item['reason']}", file=out)
        more = (rows["invalid"] if kind == "bad" else rows["changed"]) - min(len(items), LISTED)
        if more > 0:
            print(f"  … and {more} more {kind} rows", file=out)
    for note in summary.get("notes", []):
        print(f"Note: {note}", file=out)
    print(
        f"Rows: {rows['new']} new, {rows['duplicate']} already imported, "
        f"{rows['changed']} changed in the source, {rows['invalid']} bad.",
        file=out,
    )


def handle_import(args, ctx) -> int:
    member = ctx.member
    options = _options(args, member)
    mapping = _mapping(args.map)
    bar = None if args.no_progress else tqdm(unit=" rows", desc="checking", file=sys.stderr)
    progress = bar.update if bar is not None else None
    try:
        with open(args.file, "rb") as fh:
            if args.dry_run:
                summary = service.preview(
                    fh, by=member, options=options, mapping=mapping, progress=progress
                )
            else:
                batch = service.create_batch(
                    fh,
                    by=member,
                    options=options,
                    filename=args.file,
                    mapping=mapping,
                    check=False,
                )
                if bar is not None:
                    bar.set_description("importing")
                batch = service.commit(batch, by=member, progress=progress)
                summary = batch.preview
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except ImportFileError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    finally:
        if bar is not None:
            bar.close()
    print_summary(summary)
    if args.dry_run:
        print("Dry run: nothing was written.")
    else:
        print(
            f"Imported {batch.rows_created} entries as import #{batch.pk} "
            f"(undo: timeledger import-undo {batch.pk})."
        )
    return 0


def handle_list(args, ctx) -> int:
    batches = ImportBatch.objects.filter(organisation=ctx.member.organisation)[:50]
    if not batches:
        print("No imports yet.")
    for b in batches:
        print(
            f"#{b.pk:<5} {b.created_at:%Y-%m-%d %H:%M} {b.format:<9} {b.status:<10} "
            f"{b.rows_created:>7} created  {b.filename}"
        )
    return 0


def handle_undo(args, ctx) -> int:
    batch = ImportBatch.objects.filter(organisation=ctx.member.organisation, pk=args.batch).first()
    if batch is None:
        raise CliError(f"no import #{args.batch}")
    batch = service.undo(batch, by=ctx.member)
    print(f"Undid import #{batch.pk}: {batch.rows_created} entries removed.")
    return 0


def handle_org_export(args, ctx) -> int:
    member = ctx.member
    try:
        with open(args.file, "wb") as out:
            manifest = archive.export_organisation(member.organisation, out, by=member)
    except OSError as exc:
        raise CliError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    t = manifest["totals"]
    print(
        f"Wrote {args.file}: {t['entries']} entries, "
        f"{sum(i['count'] for i in t['invoices'].values())} invoices, "
        + ", ".join(f"{n} {label.split('.')[1]}" for label, n in t["counts"].items() if n)
        + "."
    )
    return 0


def handle_org_import(args, ctx) -> int:
    if not ctx.user_email:
        raise CliError("who becomes the owner? pass --user EMAIL or set TIMELEDGER_USER")
    owner = User.objects.filter(email__iexact=ctx.user_email).first()
    if owner is None:
        raise CliError(f"no user {ctx.user_email}")
    try:
        with open(args.file, "rb") as fh:
            org = archive.import_organisation(fh, slug=args.slug, name=args.name, owner=owner)
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    t = archive.totals(org)
    print(
        f"Imported organisation {org.slug} ({org.name}): {t['entries']} entries, "
        f"{sum(i['count'] for i in t['invoices'].values())} invoices; every total matches."
    )
    return 0
