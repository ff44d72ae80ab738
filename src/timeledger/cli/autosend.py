"""``timeledger autosend [--dry-run]``: one pass of the invoicing policy over the organisation's
drafts now — clean ones issued and e-mailed, the rest listed with the reasons they wait."""

from __future__ import annotations

import sys

from timeledger.accounts.roles import Cap
from timeledger.autosend import selectors, services
from timeledger.cli import CliError
from timeledger.cli.tick import _parse_now
from timeledger.invoicing.models import Invoice


def handler(args, ctx) -> int:
    me = ctx.member
    if not me.can(Cap.MANAGE_BILLING):
        raise CliError("your role cannot run the invoicing policy")
    org = me.organisation
    result = services.run_pass(org, now=_parse_now(args.now), dry_run=args.dry_run)
    if result.paused:
        print(
            "automatic sending is stopped (timeledger: Billing › Invoicing policy)", file=sys.stderr
        )
    for number in result.sent:
        print(f"sent\t{number}")
    for draft in Invoice.objects.filter(pk__in=result.would_send).order_by("id"):
        print(f"would send\t{draft}\t{draft.client.code}\t{draft.gross_total} {draft.currency}")
    for item in selectors.review_queue(org).filter(invoice_id__in=result.queued):
        reasons = "; ".join(f"{r['check']}: {r['message']}" for r in item.reasons)
        print(f"review\t{item.invoice}\t{item.invoice.client.code}\t{reasons}")
    for error in result.errors:
        print(f"error\t{error}", file=sys.stderr)
    print(
        f"{len(result.sent)} sent, {len(result.would_send)} would be sent, "
        f"{len(result.queued)} in review, {result.not_due} not due yet",
        file=sys.stderr,
    )
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "autosend", help="run the invoicing policy now: send clean drafts, list the rest"
    )
    p.add_argument("--dry-run", action="store_true", help="list what would be sent; send nothing")
    p.add_argument("--now", help="pretend it is this instant (ISO 8601 with offset)")
    p.set_defaults(handler=handler)
