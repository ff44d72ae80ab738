"""``timeledger audit verify``: check the audit log's hash chain."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from timeledger.accounts.roles import Cap
from timeledger.cli import CliError
from timeledger.core import audit


def verify(args, ctx) -> int:
    me = ctx.member
    if not me.can(Cap.VIEW_AUDIT):
        raise PermissionDenied("Your role cannot see the audit log.")
    report = audit.verify_chain(me.organisation)
    if not report.ok:
        raise CliError(
            f"audit log broken at row {report.broken_id}: {report.problem} "
            f"({report.checked} rows checked before it)"
        )
    print(
        f"audit log intact: {report.checked} rows chained"
        + (f", {report.legacy} older rows without a hash" if report.legacy else "")
    )
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("audit", help="the audit log")
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help="check the hash chain; report the first broken row")
    v.set_defaults(handler=verify)
