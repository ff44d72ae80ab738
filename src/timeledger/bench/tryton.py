"""Tryton 8.2 billing the same workload file, in the same sitting: the baseline of "≥ 250× Tryton".

Issue 19's medium row compares Timeledger's approval + billing with Tryton 8.2 billing the same
file, a figure (275–501 s) taken once on another machine; machines here differ by 2× from one
sitting to the next, so the ratio is only fair against Tryton timed on the same machine, minutes
apart. ``make bench-tryton`` runs this module in its own virtualenv (``.venv-tryton``: trytond
with ``project_invoice`` and proteus from PyPI, pinned in the Makefile, none of them the app's
dependencies) against the same PostgreSQL server; of Timeledger it imports only ``bench.targets``
(standard library only) for the load average.

The mapping is the one the shared oracle names (``oracle.py``, rule ``group_half_even``): one
company, each client a party, each employee an employee, each project a project work invoiced
"On Timesheet" with one task per project × employee whose list price is the employee's hourly
rate, each billable entry a timesheet line on its task. Non-billable entries are timesheet lines
too, on one timesheet work outside every project: the table holds them as Timeledger's does and
no invoice sees them. Loading is not timed (it goes through Tryton's ORM in batches); what is
timed is ``project.work.invoice`` on every project, each in its own transaction with its
commit — what Timeledger's billing run does for all of them. That is Tryton's fast way:
``BENCH_TRYTON_INVOICE=all`` presses the button on all projects at once, one transaction, which
is far slower (each invoice saved drops the records' cache, and re-reading a project's lines
re-instantiates every line of all the listed projects; BENCHMARKS.md). The
baseline is the faster one, so the ratio does not flatter Timeledger. The caller checks the
totals with ``oracle.py --compare`` (rule ``group_half_even``: Tryton rounds each line
half-even).

``python -m timeledger.bench.tryton WORKLOAD.json`` (database ``BENCH_TRYTON_DB``, default
``tl_bench_tryton``, recreated; server ``BENCH_TRYTON_URI``, default PostgreSQL on 127.0.0.1)
prints one JSON line: ``invoice_s``, the counts, the load average and ``invoice_totals`` per
project (the line ``oracle.py --compare`` reads).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections import defaultdict
from decimal import Decimal

from timeledger.bench.targets import loadavg

BATCH = 2_000  # timesheet lines per create() call while loading


def _configure() -> str:
    """Point trytond at the bench database; must run before trytond is imported."""
    db = os.environ.get("BENCH_TRYTON_DB", "tl_bench_tryton")
    os.environ["TRYTOND_DATABASE__URI"] = os.environ.get(
        "BENCH_TRYTON_URI", "postgresql://postgres@127.0.0.1:5432/"
    )
    os.environ["DB_NAME"] = db
    os.environ.pop("DB_CACHE", None)
    return db


def _setup_company():
    """Modules, company, chart of accounts, payment term and the service product (proteus)."""
    from proteus import Model
    from trytond.modules.account.tests.tools import create_chart, get_accounts
    from trytond.modules.account_invoice.tests.tools import create_payment_term
    from trytond.modules.company.tests.tools import create_company, get_company
    from trytond.tests.tools import activate_modules

    activate_modules("project_invoice", create_company, create_chart)
    revenue = get_accounts()["revenue"]
    term = create_payment_term()
    term.save()
    category = Model.get("product.category")(name="Services", accounting=True)
    category.account_revenue = revenue
    category.save()
    (hour,) = Model.get("product.uom").find([("name", "=", "Hour")])
    template = Model.get("product.template")(
        name="Consulting", default_uom=hour, type="service", list_price=Decimal("0")
    )
    template.account_category = category
    template.save()
    return get_company().id, term.id, template.products[0].id


def _load(db: str, workload: dict, company: int, term: int, product: int) -> list[int]:
    """Parties, employees, projects with their tasks, timesheet lines (trytond's ORM, batched);
    returns the projects' ids."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(db, 1, context={"company": company}) as transaction:
        pool = Pool(db)
        Party, Employee = pool.get("party.party"), pool.get("company.employee")
        Work, TimesheetWork = pool.get("project.work"), pool.get("timesheet.work")
        Line = pool.get("timesheet.line")

        clients = workload["clients"]
        parties = Party.create(
            [
                {
                    "name": c["name"],
                    "customer_payment_term": term,
                    "addresses": [("create", [{}])],
                }
                for c in clients
            ]
        )
        party_of = {c["code"]: p.id for c, p in zip(clients, parties, strict=True)}
        people = workload["employees"]
        persons = Party.create([{"name": e["name"]} for e in people])
        employees = Employee.create([{"party": p.id, "company": company} for p in persons])
        employee_of = {e["code"]: x.id for e, x in zip(people, employees, strict=True)}
        rate = {e["code"]: Decimal(e["hourly_rate"]) for e in people}

        team: dict[str, set[str]] = defaultdict(set)
        for entry in workload["entries"]:
            if entry["billable"]:
                team[entry["project"]].add(entry["employee"])
        projects = workload["projects"]
        created = Work.create(
            [
                {
                    "name": p["name"],
                    "type": "project",
                    "company": company,
                    "party": party_of[p["client"]],
                    "project_invoice_method": "timesheet",
                    "product": product,
                    "children": [
                        (
                            "create",
                            [
                                {
                                    "name": f"{p['code']} {code}",
                                    "type": "task",
                                    "company": company,
                                    "product": product,
                                    "list_price": rate[code],
                                    "timesheet_available": True,
                                }
                                for code in sorted(team[p["code"]])
                            ],
                        )
                    ],
                }
                for p in projects
            ]
        )
        task_work = {}
        for p, work in zip(projects, created, strict=True):
            for task in work.children:
                (timesheet_work,) = task.timesheet_works
                task_work[p["code"], task.name.split(" ")[1]] = timesheet_work.id
        (elsewhere,) = TimesheetWork.create([{"name": "Non-billable", "company": company}])

        entries = workload["entries"]
        for i in range(0, len(entries), BATCH):
            Line.create(
                [
                    {
                        "company": company,
                        "employee": employee_of[e["employee"]],
                        "date": dt.date.fromisoformat(e["date"]),
                        "duration": dt.timedelta(seconds=int(Decimal(e["hours"]) * 3600)),
                        "work": (
                            task_work[e["project"], e["employee"]]
                            if e["billable"]
                            else elsewhere.id
                        ),
                        "description": e["description"],
                    }
                    for e in entries[i : i + BATCH]
                ]
            )
        transaction.commit()
        return [work.id for work in created]


def _invoice(db: str, company: int, project_ids: list[int], together: bool) -> float:
    """The timed part: "Invoice" on each project in its own transaction, committed (the way a
    script or a user going down the list bills), or on all of them at once (``together``: the
    button on every selected project, one transaction)."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    t0 = time.perf_counter()
    for ids in [project_ids] if together else [[i] for i in project_ids]:
        with Transaction().start(db, 1, context={"company": company}) as transaction:
            Work = Pool(db).get("project.work")
            Work.invoice(Work.browse(ids))
            transaction.commit()
    return time.perf_counter() - t0


def _totals(db: str, company: int, workload: dict) -> dict[str, str]:
    """Untaxed total per project code (an invoice's description is its project's name)."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    code_of = {p["name"]: p["code"] for p in workload["projects"]}
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with Transaction().start(db, 1, context={"company": company}):
        for invoice in Pool(db).get("account.invoice").search([("type", "=", "out")]):
            totals[code_of[invoice.description]] += invoice.untaxed_amount
    return {code: str(total) for code, total in sorted(totals.items())}


def run(path: str) -> dict:
    db = _configure()
    with open(path) as fh:
        workload = json.load(fh)
    t0 = time.perf_counter()
    company, term, product = _setup_company()
    project_ids = _load(db, workload, company, term, product)
    load_s = time.perf_counter() - t0
    load_before = loadavg()
    together = os.environ.get("BENCH_TRYTON_INVOICE", "each") == "all"
    invoice_s = _invoice(db, company, project_ids, together)
    load_after = loadavg()
    totals = _totals(db, company, workload)
    return {
        "bench": "tryton",
        "trytond": __import__("trytond").__version__,
        "entries": len(workload["entries"]),
        "projects": len(project_ids),
        "invoices": len(totals),
        "load_s": round(load_s, 1),
        "invoice_s": round(invoice_s, 2),
        "invoiced": "all projects in one call" if together else "project by project",
        "load_average": [load_before, load_after],
        "invoice_totals": totals,
    }


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m timeledger.bench.tryton WORKLOAD.json", file=sys.stderr)
        return 2
    print(json.dumps(run(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
