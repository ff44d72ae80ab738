"""``timeledger report NAME``: any report of ``reports.registry`` with the page's filters, as a
table on stdout, or as CSV, XLSX or PDF (``--format``; binary formats need ``--output FILE``).

Codes and e-mails are resolved to rows of the acting member's organisation; the filters then go
through the same form as the page and the API, so a bad date is the same message.
"""

from __future__ import annotations

import sys

from timeledger.accounts.models import Member
from timeledger.cli import CliError, add_output_option
from timeledger.clients.models import Client
from timeledger.projects.models import Project
from timeledger.reports import exports
from timeledger.reports.filters import GROUPS, today_of
from timeledger.reports.registry import REPORTS, run
from timeledger.reports.views import report_filters, target_of


def _id(model, me, field: str, value: str | None, what: str) -> str | None:
    if value is None:
        return None
    row = model.objects.filter(organisation=me.organisation, **{field: value}).first()
    if row is None:
        raise CliError(f"no {what} {value!r} in {me.organisation.slug}")
    return str(row.pk)


FLAGS = {"date_from": "--from", "date_to": "--to", "project_type": "--type"}


def _flag(field: str) -> str:
    return FLAGS.get(field, f"--{field.replace('_', '-')}")


def _text_table(report) -> str:
    header = [c.label for c in report.columns]
    body = [
        ["" if r.get(c.key) is None else str(r.get(c.key)) for c in report.columns]
        for r in report.rows
    ]
    widths = [max([len(h), *(len(row[i]) for row in body)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in body]
    return "\n".join(lines)


def report(args, ctx) -> int:
    me = ctx.member
    params = {
        "date_from": args.date_from,
        "date_to": args.date_to,
        "client": _id(Client, me, "code__iexact", args.client, "client"),
        "project": _id(Project, me, "code__iexact", args.project, "project"),
        "team": _id(Project, me, "code__iexact", args.team, "project"),
        "member": _id(Member, me, "user__email__iexact", args.member, "member"),
        "billable": {"yes": "true", "no": "false"}.get(args.billable or "", ""),
        "group": args.group,
        "project_type": args.type,
        "target": args.target,
    }
    params = {k: v for k, v in params.items() if v not in (None, "")}
    form, f = report_filters(me, params)
    if f is None:
        raise CliError("; ".join(f"{_flag(k)}: {' '.join(v)}" for k, v in form.errors.items()))
    if not args.group:
        f = f.narrowed(group=REPORTS[args.name].default_group)
    result = run(args.name, me, f, today=today_of(me.organisation), target=target_of(params))
    if args.format == "table":
        print(_text_table(result))
        return 0
    body = exports.render(result, args.format, subtitle=f"{f.date_from} – {f.date_to}")
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(body)
        print(f"wrote {args.output} ({len(result.rows)} rows)", file=sys.stderr)
    elif args.format == "csv":
        sys.stdout.write(body.decode("utf-8"))
    else:
        raise CliError(f"--format {args.format} needs --output FILE")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="a report: time, budget, wip, … (table, CSV, XLSX, PDF)"
    )
    p.add_argument("name", choices=list(REPORTS))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="default: this month")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--client", metavar="CODE")
    p.add_argument("--project", metavar="CODE")
    p.add_argument("--team", metavar="PROJECT", help="the members of this project's team")
    p.add_argument("--member", metavar="EMAIL")
    p.add_argument("--billable", choices=["yes", "no"])
    p.add_argument("--group", choices=list(GROUPS))
    p.add_argument("--type", metavar="TYPE", help="project type")
    p.add_argument("--target", metavar="PERCENT", help="utilisation target (default 75)")
    p.add_argument("--format", choices=["table", *exports.FORMATS], default="table")
    add_output_option(p, "write the report here instead of stdout", dest="output")
    p.set_defaults(handler=report)
