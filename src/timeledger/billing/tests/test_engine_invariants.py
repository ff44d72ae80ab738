"""Exactly once, all or nothing, set-based: the billing engine's invariants.

- hypothesis: random entries → line totals equal an independent per-group computation, and every
  billable approved entry is on exactly one line; random edit sequences keep that true;
- a run failing half-way leaves no draft and no claimed entry;
- billing a project costs the same number of queries for 10 and 200 entries;
- PostgreSQL: several runs in parallel threads bill every entry exactly once.
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.billing import services
from timeledger.billing.engine import run_billing, sql
from timeledger.billing.models import BillingSchedule
from timeledger.billing.tests.helpers import approved, expected_group_total
from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice, InvoiceLine, LineKind
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

D = dt.date
UNTIL = D(2026, 3, 31)
RATES = ["99.99", "150.00", "87.35", "120.50"]
HOURS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("8.00"), places=2)
FAST = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_billed_exactly_once(org) -> None:
    entries = TimeEntry.objects.filter(organisation=org)
    # every billable approved/invoiced entry: invoiced on a line, or approved and unbilled
    assert not entries.filter(status=EntryStatus.INVOICED, invoice_line__isnull=True).exists()
    assert not entries.filter(status=EntryStatus.APPROVED, invoice_line__isnull=False).exists()
    assert not entries.filter(is_billable=False, invoice_line__isnull=False).exists()
    # each time line's entry count and hours are what its entries add up to
    for line in InvoiceLine.objects.filter(organisation=org, kind=LineKind.TIME).annotate(
        n=Count("entries"), s=Sum("entries__billable_seconds")
    ):
        assert line.entry_count == line.n
        assert line.quantity == (Decimal(line.s) / 3600).quantize(Decimal("0.0001"))
    # each invoice's net is the sum of its lines
    for invoice in Invoice.objects.filter(organisation=org).annotate(s=Sum("lines__net_amount")):
        assert invoice.net_total == (invoice.s or Decimal("0.00"))


@FAST
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 2), st.integers(0, 2), HOURS, st.sampled_from(RATES), st.booleans()
        ),
        min_size=1,
        max_size=25,
    ),
    grouping=st.sampled_from(["phase", "member", "task", "project"]),
)
def test_grouping_totals_match_independent_computation(db, rows, grouping):
    org = f.organisation()
    project = f.project(org, f.client(org, currency="EUR"))
    BillingSchedule.objects.create(
        organisation=org, project=project, trigger="manual", grouping=grouping
    )
    members = [f.member(org) for _ in range(3)]
    phases = [f.phase(project, f"Phase {i}", position=i) for i in range(2)]
    tasks = [f.task(project, "T0", phase=phases[0]), f.task(project, "T1", phase=phases[1]), None]
    expected_rows = []
    for m, t, hours, rate, billable in rows:
        task = tasks[t]
        approved(
            members[m],
            project,
            day=D(2026, 3, 2),
            hours=str(hours),
            rate=rate,
            billable=billable,
            t=task,
        )
        if billable:
            key = {
                "phase": task.phase_id if task else None,
                "member": m,
                "task": task.pk if task else None,
                "project": 0,
            }[grouping]
            expected_rows.append((key, str(hours), rate))
    run_billing(org, up_to=UNTIL)
    total = Invoice.objects.filter(organisation=org).aggregate(s=Sum("net_total"))["s"]
    assert (total or Decimal("0.00")) == expected_group_total(expected_rows)
    assert_billed_exactly_once(org)
    assert (
        TimeEntry.objects.filter(
            organisation=org, is_billable=True, invoice_line__isnull=True
        ).count()
        == 0
    )


@FAST
@given(
    ops=st.lists(
        st.one_of(
            st.just(("run",)),
            st.tuples(st.just("remove"), st.integers(0, 50)),
            st.tuples(st.just("regroup"), st.sampled_from(["date", "member", "phase"])),
            st.just(("delete",)),
            st.tuples(st.just("approve_more"), HOURS),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_edit_sequences_keep_exactly_once(db, ops):
    org = f.organisation()
    project = f.project(org, f.client(org, currency="EUR"))
    finance = f.member(org, "accountant")
    workers = [f.member(org) for _ in range(2)]
    for i in range(6):
        approved(workers[i % 2], project, day=D(2026, 3, 1 + i), hours="1.25", rate=RATES[i % 3])
    for op in ops:
        draft = Invoice.objects.filter(organisation=org).order_by("id").last()
        if op[0] == "run":
            run_billing(org, up_to=UNTIL)
        elif op[0] == "remove" and draft is not None:
            ids = list(
                TimeEntry.objects.filter(invoice_line__invoice=draft)
                .order_by("id")
                .values_list("id", flat=True)
            )
            if ids:
                services.remove_entries(draft, [ids[op[1] % len(ids)]], by=finance)
        elif op[0] == "regroup" and draft is not None:
            services.regroup(draft, op[1], by=finance)
        elif op[0] == "delete" and draft is not None:
            drafts.delete_draft(draft, by=finance)
        elif op[0] == "approve_more":
            approved(workers[0], project, day=D(2026, 3, 20), hours=str(op[1]), rate="150.00")
        assert_billed_exactly_once(org)
    run_billing(org, up_to=UNTIL)
    assert_billed_exactly_once(org)
    assert not TimeEntry.objects.filter(organisation=org, invoice_line__isnull=True).exists()


def test_failure_half_way_leaves_no_partial_draft(org, client_, alice, monkeypatch):
    p1 = f.project(org, client_, code="A")
    p2 = f.project(org, client_, code="B")
    for p in (p1, p2):
        approved(alice, p, day=D(2026, 3, 2), hours="2.00")

    def boom(*args, **kwargs):  # after invoices, lines and the claim UPDATE were written
        raise RuntimeError("worker killed")

    monkeypatch.setattr(sql, "billed_by_line", boom)
    result = run_billing(org, up_to=UNTIL)
    assert sorted(p.code for p in result.errors) == ["A", "B"]
    assert Invoice.objects.count() == 0 and InvoiceLine.objects.count() == 0
    assert set(TimeEntry.objects.values_list("status", "invoice_line")) == {
        (EntryStatus.APPROVED, None)
    }
    assert result.run.status == "failed"
    monkeypatch.undo()
    assert len(run_billing(org, up_to=UNTIL).billed) == 2  # and a later run bills them


def test_a_line_whose_claimed_entries_add_up_otherwise_is_refused(org, client_, alice, monkeypatch):
    """The verify step reads back what each line's claimed entries add up to; a difference (one
    entry more than the line bills) rolls the project's batch back: no draft, nothing claimed."""
    project = f.project(org, client_, code="A")
    approved(alice, project, day=D(2026, 3, 2), hours="2.00")
    read = sql.billed_by_line
    monkeypatch.setattr(
        sql, "billed_by_line", lambda ids: {k: (s, n + 1) for k, (s, n) in read(ids).items()}
    )
    result = run_billing(org, up_to=UNTIL)
    assert [p.code for p in result.errors] == ["A"]
    assert "entries add up to" in result.errors[0].error
    assert Invoice.objects.count() == 0
    assert not TimeEntry.objects.filter(invoice_line__isnull=False).exists()


def test_one_failing_project_does_not_block_the_others(org, client_, alice, monkeypatch):
    good = f.project(org, client_, code="GOOD")
    bad = f.project(org, client_, code="BAD")
    for p in (good, bad):
        approved(alice, p, day=D(2026, 3, 2), hours="1.00")
    real = sql.claim

    def claim(organisation_id, project_ids, *a, **kw):
        if bad.pk in project_ids:
            raise RuntimeError("bad project")
        return real(organisation_id, project_ids, *a, **kw)

    monkeypatch.setattr(sql, "claim", claim)
    result = run_billing(org, up_to=UNTIL)
    assert [p.code for p in result.billed] == ["GOOD"] and [p.code for p in result.errors] == [
        "BAD"
    ]
    assert Invoice.objects.get().project == good


def _bill_with_n_entries(org, client_, n: int) -> int:
    project = f.project(org, client_)
    members = [f.member(org) for _ in range(3)]
    phase = f.phase(project, "Build")
    task = f.task(project, "Backend", phase=phase)
    for i in range(n):
        approved(
            members[i % 3],
            project,
            day=D(2026, 3, 1 + i % 28),
            hours="0.50",
            rate=RATES[i % 2],
            t=task,
        )
    with CaptureQueriesContext(connection) as ctx:
        run_billing(org, up_to=UNTIL, project_codes=[project.code])
    assert TimeEntry.objects.filter(project=project, invoice_line__isnull=True).count() == 0
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_entries(org, client_):
    small = _bill_with_n_entries(org, client_, 10)
    large = _bill_with_n_entries(org, client_, 200)
    assert small == large, f"{small} queries for 10 entries, {large} for 200"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runs_bill_every_entry_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    org = f.organisation()
    client = f.client(org, currency="EUR")
    members = [f.member(org) for _ in range(4)]
    projects = [f.project(org, client) for _ in range(12)]
    ids = []
    for i in range(240):
        ids.append(
            approved(
                members[i % 4],
                projects[i % 12],
                day=D(2026, 3, 1 + i % 28),
                hours="0.75",
                rate=RATES[i % 4],
            ).pk
        )
    barrier = threading.Barrier(4)
    results, errors = [], []

    def worker(batch_size):
        try:
            barrier.wait()
            results.append(run_billing(org, up_to=UNTIL, batch_size=batch_size))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(bs,)) for bs in (1, 3, 5, 12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    billed_entries = sum(r.entries for r in results)
    assert billed_entries == 240  # each entry counted by exactly one run
    assert sum(len(r.billed) for r in results) == 12
    assert Invoice.objects.filter(organisation=org).count() == 12
    assert TimeEntry.objects.filter(pk__in=ids, invoice_line__isnull=True).count() == 0
    assert_billed_exactly_once(org)
