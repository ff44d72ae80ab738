"""Properties of the one billing engine over random sequences of work and billing.

Steps: log entries (varied hours, some with a start time, on two projects of two clients in EUR
and USD), approve what is logged, change the not-to-exceed cap of the EUR project, accept entries
a preview held back, and bill — normal runs and final invoices, each preceded by its dry run.
After every step:

- nothing billed beyond the cap unless accepted: every entry a run billed that no manager
  accepted is within the cap in force at that run, counted in work order (date, start, id) over
  the project's billable, not rejected entries (checked here independently of the engine);
- every billable approved entry is billed at most once (one line, of its own project's invoice in
  its own currency, the line's hours and count are its entries'), and at the end, with every
  held-back entry accepted and one more run, exactly once across normal and final invoices;
- the preview (dry run) bills exactly what the run right after it bills;
- the totals of the runs per currency equal the sum of the drafts they made, and every draft's
  VAT and gross are what ``invoice_totals`` (what issuing stores) gives.
"""

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from timeledger.billing.engine import run_billing
from timeledger.billing.final import create_final_invoice
from timeledger.billing.models import BillingRun, RunKind
from timeledger.contracts import services as contracts
from timeledger.contracts.models import CapAcceptance
from timeledger.core.hours import hours_2dp
from timeledger.invoicing.models import Invoice, InvoiceLine, LineKind
from timeledger.invoicing.tests import factories as inv
from timeledger.invoicing.totals import invoice_totals
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

D = dt.date
CENT = Decimal("0.01")
RATES = [Decimal("150.00"), Decimal("99.99")]  # per project: EUR, USD
UP_TO = [D(2026, 3, 10), D(2026, 3, 20), D(2026, 3, 31)]
HOURS = st.sampled_from(["0.25", "0.30", "1.00", "1.75", "2.50", "4.00", "7.25"])

entry = st.tuples(st.integers(0, 1), st.integers(1, 31), HOURS, st.booleans())
# A round of work and billing; a test is a sequence of rounds, so every example bills something.
rounds = st.lists(
    st.fixed_dictionaries(
        {
            "log": st.lists(entry, min_size=1, max_size=5),
            "approve": st.sampled_from([True, True, True, False]),
            # None: the cap stays as it is; "" removes it.
            "cap": st.sampled_from([None, "300.00", "", "300.00", "800.00", "1500.00"]),
            "accept": st.integers(0, 2),
            "bill": st.one_of(
                st.tuples(st.just("run"), st.sampled_from(UP_TO)),
                st.tuples(st.just("run"), st.just(UP_TO[-1])),
                st.tuples(st.just("final"), st.integers(0, 1)),
            ),
        }
    ),
    min_size=1,
    max_size=5,
)


class World:
    def __init__(self):
        self.org = f.organisation()
        inv.taxes(self.org)  # S 21 % default: drafts carry VAT
        self.manager = f.member(self.org, "manager")
        self.finance = f.member(self.org, "accountant")
        self.worker = f.member(self.org)
        self.projects = [
            f.project(self.org, f.client(self.org, currency="EUR"), code="EURP"),
            f.project(self.org, f.client(self.org, currency="USD"), code="USDP"),
        ]
        self.cap = None  # of the EUR project (caps are per project; one is enough here)
        self.minutes = 0  # timed entries start a little later each time: no two alike

    def log(self, p: int, day: int, hours: str, timed: bool):
        project = self.projects[p]
        date = D(2026, 3, day)
        kw = {}
        if timed:
            start = dt.datetime(2026, 3, day, 8, tzinfo=dt.UTC) + dt.timedelta(minutes=self.minutes)
            kw = {"start": start, "end": start + dt.timedelta(seconds=int(Decimal(hours) * 3600))}
        self.minutes += 7
        f.entry(self.worker, project, day=date, hours=hours, **kw)

    def approve(self):
        """Approve what is logged, freezing each project's rate (as approval would)."""
        now = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
        for project, rate in zip(self.projects, RATES, strict=True):
            for e in TimeEntry.objects.filter(project=project, status=EntryStatus.DRAFT):
                e.status = EntryStatus.APPROVED
                e.rate, e.currency, e.rate_locked_at = rate, project.client.currency, now
                e.amount = (Decimal(e.billable_seconds) * rate / 3600).quantize(CENT, ROUND_HALF_UP)
                e.save()


def comparable(result) -> list[tuple]:
    return sorted(
        (
            p.code,
            p.currency,
            p.net,
            p.gross,
            p.entries,
            p.status,
            p.adds_to,
            str(p.lines),
            str([h.as_dict() for h in p.held]),
            p.error,
        )
        for p in result.projects
    )


def within_cap(world: World, billed_ids: set[int], cap: Decimal | None) -> None:
    """Independently of the engine: walk the EUR project's counted entries in work order."""
    if cap is None:
        return
    accepted = set(CapAcceptance.objects.values_list("entry_id", flat=True))
    rows = (
        TimeEntry.objects.filter(project=world.projects[0], is_billable=True)
        .exclude(status=EntryStatus.REJECTED)
        .values_list("id", "date", "start", "amount")
    )
    total = Decimal(0)
    for pk, _day, _start, amount in sorted(
        rows,
        key=lambda r: (
            r[1],
            r[2] is not None,
            r[2] or dt.datetime.min.replace(tzinfo=dt.UTC),
            r[0],
        ),
    ):
        total += amount or 0
        if pk in billed_ids and pk not in accepted:
            assert total <= cap, f"entry {pk} billed at {total} beyond the cap {cap}"


def bill(world: World, step) -> None:
    """A dry run, then the same run for real: the preview is what gets billed."""
    before = set(
        TimeEntry.objects.filter(organisation=world.org, invoice_line__isnull=False).values_list(
            "id", flat=True
        )
    )
    if step[0] == "run":
        up_to, codes, kind = step[1], None, RunKind.NORMAL
    else:
        up_to, codes, kind = UP_TO[-1], [world.projects[step[1]].code], RunKind.FINAL
    try:
        dry = run_billing(world.org, up_to=up_to, project_codes=codes, dry_run=True, kind=kind)
    except ValidationError:  # a final refused (already made): the real one is refused too
        dry = None
    if kind == RunKind.NORMAL:
        real = run_billing(world.org, by=world.finance, up_to=up_to)
    else:
        try:
            create_final_invoice(world.projects[step[1]], by=world.finance, up_to=up_to)
        except ValidationError:
            pass
        real = None
    if dry is not None and real is not None:
        assert comparable(dry) == comparable(real)
        if real.held_back:
            event("a run held work back")
    if dry is not None and dry.held_back:
        event("a dry run (normal or final) listed work held back")
        if any(p.adds_to for p in real.billed):
            event("a run added to an open draft")
    if dry is not None and kind == RunKind.FINAL and dry.billed:
        final = Invoice.objects.get(project=world.projects[step[1]], kind="final")
        assert final.net_total == dry.billed[0].net
        assert final.gross_total == dry.billed[0].gross
        event("a final invoice")
    after = set(
        TimeEntry.objects.filter(organisation=world.org, invoice_line__isnull=False).values_list(
            "id", flat=True
        )
    )
    within_cap(world, after - before, world.cap)


def check(world: World) -> None:
    org = world.org
    entries = TimeEntry.objects.filter(organisation=org)
    assert not entries.filter(status=EntryStatus.INVOICED, invoice_line__isnull=True).exists()
    assert not entries.filter(status=EntryStatus.APPROVED, invoice_line__isnull=False).exists()
    assert not entries.filter(is_billable=False, invoice_line__isnull=False).exists()
    for e in entries.filter(invoice_line__isnull=False).select_related("invoice_line__invoice"):
        invoice = e.invoice_line.invoice
        assert (invoice.project_id, invoice.currency) == (e.project_id, e.currency)
    for line in InvoiceLine.objects.filter(organisation=org, kind=LineKind.TIME).annotate(
        n=Count("entries"), s=Sum("entries__billable_seconds")
    ):
        assert line.entry_count == line.n
        assert line.quantity == hours_2dp(line.s or 0)  # the one hours rule
        assert line.net_amount == (line.quantity * line.unit_price).quantize(CENT, ROUND_HALF_UP)
    drafts = defaultdict(Decimal)
    for invoice in Invoice.objects.filter(organisation=org):
        t = invoice_totals(invoice)
        assert (invoice.net_total, invoice.tax_total, invoice.gross_total) == (
            t.net,
            t.tax,
            t.gross,
        )
        if invoice.billing_run_id:
            drafts[invoice.currency] += invoice.net_total
    runs = defaultdict(Decimal)
    for run in BillingRun.objects.filter(organisation=org):
        for currency, net in run.totals.items():
            runs[currency] += Decimal(net)
    assert {k: v for k, v in runs.items() if v} == {k: v for k, v in drafts.items() if v}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=rounds)
def test_billing_sequences_keep_the_cap_exactly_once_and_the_preview(db, rounds):
    world = World()
    for r in rounds:
        for step in r["log"]:
            world.log(*step)
        check(world)
        if r["approve"]:
            world.approve()
        if r["cap"] is not None:
            contracts.save_terms(world.projects[0], {"cap_amount": r["cap"]}, by=world.manager)
            world.cap = Decimal(r["cap"]) if r["cap"] else None
        if r["accept"]:
            held = run_billing(world.org, up_to=UP_TO[-1], dry_run=True).held_back
            ids = [i for p in held for i in p.held_entry_ids][: r["accept"]]
            if ids:
                contracts.accept_overruns(ids, by=world.manager)
                event("entries accepted above the cap")
        check(world)
        bill(world, r["bill"])
        check(world)

    # Everything held back accepted, everything approved, one more run: all billed, once.
    world.approve()
    held = run_billing(world.org, up_to=UP_TO[-1], dry_run=True).held_back
    ids = [i for p in held for i in p.held_entry_ids]
    if ids:
        contracts.accept_overruns(ids, by=world.manager)
    run_billing(world.org, by=world.finance, up_to=UP_TO[-1])
    check(world)
    assert not TimeEntry.objects.filter(
        organisation=world.org, is_billable=True, invoice_line__isnull=True
    ).exists()
