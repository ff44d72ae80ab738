"""Work in progress (unbilled), valued per billing model, as of ``date_to``.

Time is worth what its billing model says it is worth, not always its hours × rate:

- **Hourly and hybrid** (T&M): approved, billable entries not on an invoice, at their frozen
  amounts (``amount``, set when the rate was locked at approval). Entries above a not-to-exceed
  cap awaiting acceptance are left out (the billing run holds them back too).
- **Fixed fee**: earned value = % complete (the tasks', ``billing.rules.project_percent_complete``)
  × the fee − what invoices billed of the fee (``billing.selectors`` progress figures); never below 0.
- **Milestones** (milestone and hybrid projects): per milestone, its % complete (100 % once
  complete) × its value − what invoice lines of that milestone billed; never below 0.
- **Retainers**: the fees of retainer periods that have started and whose fee is not invoiced.
  The hours of a retainer are covered by its fee, so they are not WIP themselves.

Ages (days from the entry's date, the period's start, or — for earned value, which has no date —
"current") fall in 0–30, 31–60, 61–90 and 90+ day buckets. Amounts stay per currency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Case, Count, DecimalField, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from timeledger.billing.rules import project_percent_complete
from timeledger.billing.selectors import progress_figures
from timeledger.contracts.models import RetainerPeriod
from timeledger.core.hours import hours_2dp
from timeledger.core.money import quantize
from timeledger.invoicing.models import InvoiceKind, InvoiceLine, InvoiceStatus
from timeledger.projects.models import BillingModel, Milestone, MilestoneStatus, Project
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.table import HOURS, MONEY, NUMBER, TEXT, Chart, Column, Report, Series
from timeledger.timesheets.models import EntryStatus, TimeEntry

ZERO = Decimal(0)
HUNDRED = Decimal(100)
BUCKETS = ("0-30", "31-60", "61-90", "90+")
TM_MODELS = (BillingModel.HOURLY, BillingModel.HYBRID)


def bucket_of(age_days: int) -> str:
    if age_days <= 30:
        return "0-30"
    if age_days <= 60:
        return "31-60"
    if age_days <= 90:
        return "61-90"
    return "90+"


def _bucket_ranges(as_of: dt.date, field: str = "date") -> list[Q]:
    """Each age bucket (``BUCKETS``, in order) as a condition on fixed cut-off dates, in SQL."""
    cut = [as_of - dt.timedelta(days=d) for d in (30, 60, 90)]
    return [
        Q(**{f"{field}__gte": cut[0]}),
        Q(**{f"{field}__gte": cut[1], f"{field}__lt": cut[0]}),
        Q(**{f"{field}__gte": cut[2], f"{field}__lt": cut[1]}),
        Q(**{f"{field}__lt": cut[2]}),
    ]


def _bucket_case(as_of: dt.date, field: str = "date"):
    """The age bucket's index in SQL, for grouping by it."""
    whens = [When(q, then=Value(i)) for i, q in enumerate(_bucket_ranges(as_of, field)[:3])]
    return Case(*whens, default=Value(3), output_field=IntegerField())


def tm_q(organisation, *, up_to=None, tm_project_ids=None) -> Q:
    """Approved, billable, unbilled time on T&M projects — what a run would bill at frozen value —
    as a condition on entries.

    ``tm_project_ids``: the T&M projects to look at, when the caller has them already (a filter
    on the ids instead of a join to every project)."""
    q = Q(
        organisation=organisation,
        status=EntryStatus.APPROVED,
        invoice_line__isnull=True,
        is_billable=True,
        needs_acceptance=False,
    )
    if tm_project_ids is None:
        q &= Q(project__billing_model__in=TM_MODELS)
    else:
        q &= Q(project_id__any=tm_project_ids)
    return q & Q(date__lte=up_to) if up_to is not None else q


def tm_entries(organisation, *, up_to=None, tm_project_ids=None):
    """The entries of ``tm_q``."""
    return TimeEntry.objects.filter(tm_q(organisation, up_to=up_to, tm_project_ids=tm_project_ids))


def _time_sums() -> dict:
    """What WIP sums of its T&M time per project: value, billable seconds and entries."""
    return {"wip_v": Sum("amount"), "wip_s": Sum("billable_seconds"), "wip_n": Count("id")}


class _Project(NamedTuple):
    """What WIP reads of a project: 5,000 of them as plain rows, not model instances (the
    instances and their clients were a third of WIP's Python on the large workload)."""

    id: int
    client_id: int
    code: str
    name: str
    billing_model: str
    fixed_fee: Decimal | None
    currency: str


def _blank(p: _Project) -> dict:
    return {
        "project_id": p.id,
        "client_id": p.client_id,
        "project": f"{p.code} — {p.name}",
        "model": BillingModel(p.billing_model).label,
        "currency": p.currency,
        "hours": ZERO,
        "entries": 0,
        **dict.fromkeys(BUCKETS, ZERO),
    }


class Wip:
    """The work in progress of the projects the asker may see, as of ``f.date_to``.

    ``time_q`` is the condition of its T&M time: the dashboard, which scans the entries for
    figures of its own, sums that time per currency in the same pass and hands the sums to
    ``totals`` — one scan of the entries instead of two, with the same rule. (Profitability
    keeps two scans: merged, its 5,000 groups with six filtered sums were slower than two plain
    ones, 1.1–1.6 → 1.3–1.7 s on the large workload's year.)"""

    def __init__(self, scope: Scope, f: Filters):
        self.scope, self.f = scope, f
        self.projects = {
            row[0]: _Project(*row)
            for row in Project.objects.filter(scope.projects_q())
            .filter(f.projects_q())
            .exclude(billing_model=BillingModel.NON_BILLABLE)
            .values_list(
                "pk", "client_id", "code", "name", "billing_model", "fixed_fee", "client__currency"
            )
        }
        self.tm_ids = [pid for pid, p in self.projects.items() if p.billing_model in TM_MODELS]

    def time_q(self) -> Q:
        return tm_q(self.scope.organisation, up_to=self.f.date_to, tm_project_ids=self.tm_ids)

    def by_project(self, *, aged: bool = True, time: bool = True) -> dict:
        """Per project id: unbilled value per age bucket, by its billing model.

        ``aged=False`` (the dashboard and profitability read only each project's ``total``): T&M
        time is summed once per project instead of once per age bucket and its buckets stay 0 —
        the same totals to the cent, as every frozen amount is already rounded to its currency's
        minor unit (``rates.locking``), so no bucket's rounding can move one. Large, approved:
        the aggregation on top of the scan 0.30–0.35 → 0.18–0.20 s.

        ``time=False``: without the T&M time (``totals``, whose caller summed it)."""
        as_of = self.f.date_to
        projects = self.projects
        ids = list(projects)
        out: dict[int, dict] = {}

        def row(pid: int) -> dict:
            if pid not in out:
                out[pid] = _blank(projects[pid])
            return out[pid]

        # One group per project, its buckets as filtered sums: 5,000 groups hash in memory where
        # (project, bucket) groups were sorted on disk (large: 0.60 → 0.45 s at load 4).
        if not time:
            tm = []
        elif aged:
            sums = {f"b{i}": Sum("amount", filter=q) for i, q in enumerate(_bucket_ranges(as_of))}
            tm = self._scan({**sums, **_time_sums()})
        else:
            tm = self._scan(_time_sums())
        unaged: dict[int, Decimal] = {}
        for r in tm:
            x = row(r["project_id"])
            if aged:
                for i, b in enumerate(BUCKETS):
                    x[b] += r[f"b{i}"] or ZERO
            else:
                unaged[r["project_id"]] = r["wip_v"] or ZERO
            x["hours"] += hours_2dp(r["wip_s"] or 0)
            x["entries"] += r["wip_n"]

        for pid, bucket, value in self._other_models(ids):
            row(pid)[bucket] += value

        for x in out.values():
            for b in BUCKETS:
                x[b] = quantize(x[b], x["currency"])
            x["total"] = sum((x[b] for b in BUCKETS), ZERO) + quantize(
                unaged.get(x["project_id"], ZERO), x["currency"]
            )
        return {pid: x for pid, x in out.items() if x["total"] or x["entries"]}

    def totals(self, time_by_currency: dict[str, Decimal]) -> dict[str, Decimal]:
        """The unbilled value per currency: the T&M time's value per currency, summed by the
        caller over ``time_q``, plus every other billing model's (``by_project`` without time).
        Equal to the sum of ``by_project``'s totals (frozen amounts are at the minor unit)."""
        out = {cur: quantize(v or ZERO, cur) for cur, v in time_by_currency.items()}
        for r in self.by_project(aged=False, time=False).values():
            out[r["currency"]] = out.get(r["currency"], ZERO) + r["total"]
        return {cur: v for cur, v in out.items() if v or cur in time_by_currency}

    def _scan(self, sums: dict):
        return (
            tm_entries(self.scope.organisation, up_to=self.f.date_to, tm_project_ids=self.tm_ids)
            .values("project_id")
            .annotate(**sums)
        )

    def _other_models(self, ids):
        """``(project id, bucket, value)`` of fixed fees, milestones and retainer fees."""
        as_of, projects = self.f.date_to, self.projects
        fixed = [p for p in projects.values() if p.billing_model == BillingModel.FIXED_FEE]
        if fixed:
            figures = progress_figures(fixed)
            for p in fixed:
                done = project_percent_complete(figures[p.id]["tasks"])
                if done and p.fixed_fee:
                    earned = quantize(p.fixed_fee * done / HUNDRED, p.currency)
                    value = earned - figures[p.id]["fee"]
                    if value > 0:
                        yield p.id, "0-30", value

        billed = dict(
            InvoiceLine.objects.filter(milestone__project_id__any=ids)
            .exclude(invoice__status=InvoiceStatus.VOID)
            .exclude(invoice__converted_to__isnull=False)
            .exclude(
                invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status__in=["draft", "on_hold"]
            )
            .values_list("milestone_id")
            .annotate(s=Sum("net_amount"))
        )
        earned_pct = Case(
            When(status=MilestoneStatus.COMPLETE, then=Value(HUNDRED)),
            default=F("percent_complete"),
            output_field=DecimalField(max_digits=6, decimal_places=2),
        )
        for m in (
            Milestone.objects.filter(project_id__any=ids)
            .exclude(project__billing_model=BillingModel.HOURLY)
            .annotate(earned_pct=earned_pct)
            .values("pk", "project_id", "value", "earned_pct")
        ):
            p = projects[m["project_id"]]
            earned = quantize(m["value"] * m["earned_pct"] / HUNDRED, p.currency)
            value = earned - (billed.get(m["pk"]) or ZERO)
            if value > 0:
                yield p.id, "0-30", value

        fees = (
            RetainerPeriod.objects.filter(
                retainer__project_id__any=ids, fee_invoice_line__isnull=True, start__lte=as_of
            )
            .annotate(bucket=_bucket_case(as_of, "start"))
            .values(pid=F("retainer__project_id"), bucket=F("bucket"))
            .annotate(v=Coalesce(Sum("retainer__fee"), Value(ZERO)))
        )
        for r in fees:
            yield r["pid"], BUCKETS[r["bucket"]], r["v"]


def wip_by_project(scope: Scope, f: Filters, *, aged: bool = True) -> dict[int, dict]:
    """``Wip(scope, f).by_project``, scanning its own T&M time."""
    return Wip(scope, f).by_project(aged=aged)


def wip(scope: Scope, f: Filters) -> Report:
    rows = sorted(wip_by_project(scope, f).values(), key=lambda r: r["project"])
    for r in rows:
        r["drill"] = {"project": r["project_id"], "date_from": "", "status": "approved"}
    columns = [
        Column("project", _("Project"), TEXT),
        Column("model", _("Billing model"), TEXT),
        Column("hours", _("Unbilled hours"), HOURS),
        Column("entries", _("Entries"), NUMBER),
        *[Column(b, _("%(bucket)s days") % {"bucket": b}, MONEY) for b in BUCKETS],
        Column("total", _("Unbilled value"), MONEY),
        Column("currency", _("Currency"), TEXT, money=True),
    ]
    chart = _currency_chart(rows, BUCKETS)
    return Report("wip", _("Work in progress (unbilled)"), columns, rows, chart)


def _currency_chart(rows: list[dict], keys) -> Chart:
    """One bar per age bucket and currency (never two currencies in one bar)."""
    currencies = sorted({r["currency"] for r in rows})
    series = [
        Series(cur, [sum((r[k] for r in rows if r["currency"] == cur), ZERO) for k in keys])
        for cur in currencies
    ]
    return Chart(
        categories=[_("%(bucket)s days") % {"bucket": k} for k in keys],
        series=series,
        unit=" ".join(currencies),
        is_money=True,
    )
