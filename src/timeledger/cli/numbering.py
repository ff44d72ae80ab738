"""``timeledger numbering check|move``: invoice counters against the record kept next to the
stored documents (``invoicing.numbering``), and moving a counter forward after a restore."""

from __future__ import annotations

from timeledger.cli import CliError
from timeledger.invoicing.models import InvoiceSequence
from timeledger.invoicing.numbering import move_counter, read_record, record_problems


def check(args, ctx) -> int:
    org = ctx.member.organisation
    for seq in InvoiceSequence.objects.filter(organisation=org).order_by("series"):
        recorded = read_record(org, seq.series) or {}
        print(
            f"{seq.series}: next {seq.next_value}; recorded as issued: "
            f"{recorded.get('number') or 'nothing yet'}"
        )
    problems = record_problems(org)
    if problems:
        raise CliError(problems[0])
    return 0


def move(args, ctx) -> int:
    seq = move_counter(
        ctx.member.organisation, args.series, args.next, by=ctx.member, reason=args.reason or ""
    )
    print(f"{seq.series}: the next number issued is value {seq.next_value}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "numbering", help="invoice counters: check against the issued record, move forward"
    )
    sub = parser.add_subparsers(dest="numbering_command", metavar="ACTION", required=True)
    p = sub.add_parser("check", help="compare each counter with the numbers recorded as issued")
    p.set_defaults(handler=check)
    p = sub.add_parser("move", help="move a counter forward (e.g. after restoring a backup)")
    p.add_argument("--series", default="INV", help="series (default INV; credit notes: CN)")
    p.add_argument("--next", type=int, required=True, help="the value the next issue gets")
    p.add_argument("--reason", required=True, help="why (kept in the audit log)")
    p.set_defaults(handler=move)
