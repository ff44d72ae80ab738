"""Billing commands: ``timeledger bill [--dry-run] [--project CODE] [--until DATE]`` and
``timeledger preview [--project CODE]`` (what would be billed now: a dry run)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from timeledger.billing.services import start_run


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def register(subparsers) -> None:
    bill = subparsers.add_parser(
        "bill", help="billing run: draft invoices from approved time of every due project"
    )
    bill.add_argument(
        "--dry-run", action="store_true", help="show what would be billed; write nothing"
    )
    bill.add_argument(
        "--project", action="append", metavar="CODE", help="only this project (repeatable)"
    )
    bill.add_argument(
        "--until", type=_date, metavar="DATE", help="bill work up to this date (default today)"
    )
    bill.add_argument("--batch-size", type=int, default=200, help="projects per transaction")
    bill.add_argument("--no-progress", action="store_true", help="no progress bar")
    bill.set_defaults(handler=handle_bill)

    preview = subparsers.add_parser("preview", help="what would be billed now, per project")
    preview.add_argument("--project", action="append", metavar="CODE")
    preview.add_argument("--until", type=_date, metavar="DATE")
    preview.add_argument("--lines", action="store_true", help="show the lines of each draft")
    preview.set_defaults(handler=handle_preview, dry_run=True, batch_size=200, no_progress=True)


def _run(args, ctx):
    from tqdm import tqdm

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="project", desc="billing", file=sys.stderr)
        bar.update(done - bar.n)

    try:
        result = start_run(
            ctx.member.organisation,
            by=ctx.member,
            up_to=args.until,
            project_codes=args.project,
            dry_run=args.dry_run,
            progress=None if args.no_progress else progress,
        )
    finally:
        if bar is not None:
            bar.close()
    return result


def _print(result, *, lines: bool) -> None:
    if not result.projects:
        print(f"Nothing to bill up to {result.up_to}.")
        return
    print(f"{'project':<14} {'entries':>8} {'net':>14} cur  status")
    for p in result.projects:
        status = (
            p.error
            and f"ERROR {p.error}"
            or (p.status + (f" — {p.hold_reason}" if p.hold_reason else ""))
        )
        print(f"{p.code:<14} {p.entries:>8} {p.net:>14,} {p.currency}  {status}")
        if lines:
            for line in p.lines:
                print(f"    {line['description']}")
        if p.adds_to:
            print(f"    adds to draft #{p.adds_to}")
        for held in p.held:
            summary = held.summary()
            hours = f", {summary['hours']} h" if summary.get("hours") else ""
            what = f"{summary['entries']} entries{hours} — " if summary["entries"] else ""
            print(f"    held back: {what}{held.reason}")
            if held.entry_ids:
                print(f"      entries: {', '.join(str(i) for i in held.entry_ids)}")
    for currency, total in sorted(result.totals_by_currency().items()):
        print(f"{'total':<14} {result.entries:>8} {total:>14,} {currency}")


def handle_bill(args, ctx) -> int:
    result = _run(args, ctx)
    _print(result, lines=False)
    if args.dry_run:
        print("Dry run: nothing was written.")
    elif result.run is not None:
        print(
            f"Billing run {result.run.pk}: {len(result.billed)} draft(s), {result.entries} entries."
        )
        for currency, net in result.run.totals.items():
            print(f"  net {net} {currency}")
    return 1 if result.errors else 0


def handle_preview(args, ctx) -> int:
    result = _run(args, ctx)
    _print(result, lines=args.lines)
    return 0
