"""Billing runs: find due projects, build their drafts, claim what they bill — exactly once.

A run works through the due projects (``engine.plans``) in batches. Each batch is one transaction
(``engine.batch.bill_batch``): lock the projects' rows (``SELECT … FOR UPDATE`` in id order, so
concurrent runs serialise per project and never deadlock) → every registered strategy collects
what is due (``engine.strategies``: time, milestone slices, change orders, fixed-fee instalments,
retainer fee and close) → totals → insert invoices and lines → each strategy claims what its lines
bill (a conditional ``UPDATE … WHERE invoice_line IS NULL`` with a row-count check, or a unique
row) → each verifies what it claimed → audit rows.

Any difference or error rolls the whole batch back: no partial draft survives. A failed batch is
retried project by project, so one bad project does not hold back the others. A dry run (the
preview) is the same code up to the writes (``batch.collect_batch``: every strategy collects,
holds and totals apply), inside a transaction that is rolled back at the end: it shows exactly
what a run would bill, cap and held-back work included, without writing drafts or claiming
(``batch.preview_batch``). Nothing here loops over entries; the
queries per batch do not grow with them.

One draft per project (the open run draft), written down:
- A run adds to the project's *open run draft* instead of opening another: the newest invoice of
  the project that is still ``draft`` (not on hold, not issued), of kind standard, made by a
  billing run (``billing_run`` set), in the project's currency, that has not settled the
  project's under-run (credited it, or carried it forward: that draft closed the project out).
  Drafts made by hand, drafts on hold and final invoices are never added to; without an open run
  draft the run opens a new one.
- On it, a time group already there (same ``group_key``: project, group of the draft's grouping,
  rate) *merges* into its line — the entries join it and its quantity and net are re-derived
  from all the entries on it (net = round(seconds × rate) once). Everything else is appended as
  new lines after the existing ones. The draft keeps its own grouping (a draft regrouped by hand
  stays so). Its totals are recomputed over all its lines, its period widened to the new work,
  and an approval given before is withdrawn (the draft changed); a new hold puts it on hold.
- The run's result for that project (``net``, ``gross``, ``lines``) is what this run added.

Run totals are per currency (``RunResult.totals_by_currency``, ``BillingRun.totals``), never summed
across currencies. A run of kind *final* (``kind=RunKind.FINAL``, ``billing.final``) bills named
projects the same way onto an invoice of kind final with the summary of earlier invoices.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from timeledger.accounts.models import Member
from timeledger.billing.engine.base import ClaimConflict, Plan, Row, insert
from timeledger.billing.engine.batch import HELD_ONLY, ProjectResult, bill_batch, preview_batch
from timeledger.billing.engine.plans import due_plans, plan_for
from timeledger.billing.engine.strategies.retainers import (
    PeriodUsage,
    period_spans,
    period_to_close,
)
from timeledger.billing.models import BillingRun, RunKind
from timeledger.core import events
from timeledger.core.memory import without_cycle_collection

log = logging.getLogger(__name__)

__all__ = [
    "ClaimConflict",
    "PeriodUsage",
    "Plan",
    "ProjectResult",
    "Row",
    "RunResult",
    "bill_plans",
    "due_plans",
    "finish_run",
    "insert",
    "period_spans",
    "period_to_close",
    "plan_for",
    "preview",
    "run_billing",
]


@dataclass
class RunResult:
    up_to: dt.date
    dry_run: bool
    kind: str = RunKind.NORMAL
    run: BillingRun | None = None
    projects: list[ProjectResult] = field(default_factory=list)

    @property
    def billed(self) -> list[ProjectResult]:
        return [p for p in self.projects if not p.error and p.status != HELD_ONLY]

    @property
    def held_back(self) -> list[ProjectResult]:
        """Projects with work held back (cap not accepted, retainer hours awaiting approval)."""
        return [p for p in self.projects if p.held]

    @property
    def errors(self) -> list[ProjectResult]:
        return [p for p in self.projects if p.error]

    @property
    def entries(self) -> int:
        return sum(p.entries for p in self.billed)

    def totals_by_currency(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for p in self.billed:
            out[p.currency] += p.net
        return dict(sorted(out.items()))


def _beat(run: BillingRun | None) -> None:
    """The run's heartbeat. Called last inside a batch's transaction, so it commits with the batch:
    if the process dies, ``batches_committed`` says exactly what survived it (and a batch that
    runs longer than the stale threshold would look dead: keep batches short)."""
    if run is not None:
        BillingRun.objects.filter(pk=run.pk).update(
            heartbeat_at=timezone.now(), batches_committed=F("batches_committed") + 1
        )


def _step(dry_run: bool):
    """A batch's work: billed (``bill_batch``), or for a dry run only collected and totalled
    (``preview_batch``: the same lines, totals and holds, no drafts written, nothing claimed)."""
    if dry_run:
        return lambda organisation, plans, *, run, actor_id, now: preview_batch(
            organisation, plans, now=now
        )
    return bill_batch


def _bill_one_by_one(
    organisation, batch, *, run, actor_id, now, dry_run=False
) -> list[ProjectResult]:
    results = []
    step = _step(dry_run)
    for plan in batch:
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    billed = step(organisation, [plan], run=run, actor_id=actor_id, now=now)
                    _beat(run)
                results += billed
                break
            except ClaimConflict as exc:
                if attempt == 2:
                    results.append(_failed(plan, exc))
            except Exception as exc:  # one project's failure must not stop the others
                log.exception("billing project %s failed", plan.project.code)
                results.append(_failed(plan, exc))
                break
    return results


def _failed(plan: Plan, exc: Exception) -> ProjectResult:
    message = "; ".join(getattr(exc, "messages", [])) or str(exc) or type(exc).__name__
    return ProjectResult(
        code=plan.project.code,
        project_id=plan.project.id,
        currency=plan.project.client.currency,
        cutoff=plan.cutoff,
        error=message,
    )


class _DryRunRollback(Exception):
    pass


@without_cycle_collection()  # a batch builds its groups, lines and results, none of them garbage
def bill_plans(
    organisation, plans: list[Plan], *, run, actor_id, now, dry_run=False
) -> list[ProjectResult]:
    """One batch of a run: one transaction for all ``plans``; if it fails, project by project.

    Every run goes through here, in-process (``run_billing``) or shared by Celery workers
    (``engine.shared``, which calls it inside its own transaction so that the batch's claim
    commits with its drafts: the transactions here are then savepoints)."""
    step = _step(dry_run)
    try:
        with transaction.atomic():
            projects = step(organisation, plans, run=run, actor_id=actor_id, now=now)
            _beat(run)
        return projects
    except Exception:
        return _bill_one_by_one(
            organisation, plans, run=run, actor_id=actor_id, now=now, dry_run=dry_run
        )


def _billed(row: dict) -> bool:
    return not row["error"] and row["status"] != HELD_ONLY


def finish_run(run: BillingRun, rows: list[dict]) -> None:
    """Write a run's outcome from its projects' results (``ProjectResult.as_dict()`` with
    ``project_id``), the same for a run made in-process and one shared by workers."""
    billed = [r for r in rows if _billed(r)]
    errors = [r for r in rows if r["error"]]
    totals: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for r in billed:
        totals[r["currency"]] += Decimal(r["net"])
    run.status = BillingRun.Status.DONE if not errors else BillingRun.Status.FAILED
    run.projects_billed = len(billed)
    run.invoices_created = sum(1 for r in billed if r["adds_to"] is None)
    run.entries_billed = sum(r["entries"] for r in billed)
    run.totals = {currency: str(net) for currency, net in sorted(totals.items())}
    run.error = "\n".join(f"{r['project']}: {r['error']}" for r in errors)[:5000]
    run.summary = {
        "projects": [
            {k: v for k, v in r.items() if k not in ("lines", "project_id")} for r in rows
        ][:1000]
    }
    run.finished_at = timezone.now()
    # Not the heartbeat columns: the batches wrote those, this instance holds stale copies.
    run.save(
        update_fields=[
            "status",
            "projects_billed",
            "invoices_created",
            "entries_billed",
            "totals",
            "error",
            "summary",
            "finished_at",
            "updated_at",
        ]
    )
    events.emit(run.organisation, "billing_run.finished", obj=run)


def run_billing(
    organisation,
    *,
    by: Member | None = None,
    up_to: dt.date | None = None,
    project_codes: list[str] | None = None,
    dry_run: bool = False,
    batch_size: int = 200,
    progress: Callable[[int, int], None] | None = None,
    kind: str = RunKind.NORMAL,
) -> RunResult:
    """Bill every due project of ``organisation`` (or only ``project_codes``) up to ``up_to``.

    Re-running is harmless: what is billed is no longer unbilled. ``progress(done, total)`` is
    called after each batch. A dry run writes nothing (it rolls back) and returns the same result.
    ``kind=RunKind.FINAL`` makes the final invoice of each named project (see ``engine.plans``).
    """
    now = timezone.now()
    up_to = up_to or timezone.localdate()
    plans = due_plans(organisation, up_to, project_codes, kind=kind)
    result = RunResult(up_to=up_to, dry_run=dry_run, kind=kind)
    actor_id = by.user_id if by is not None else None
    run = None
    if not dry_run:
        run = BillingRun.objects.create(
            organisation=organisation,
            started_by_id=actor_id,
            up_to=up_to,
            dry_run=False,
            kind=kind,
            heartbeat_at=timezone.now(),
        )
        result.run = run

    def work() -> None:
        done = 0
        for start in range(0, len(plans), batch_size):
            batch = plans[start : start + batch_size]
            result.projects += bill_plans(
                organisation, batch, run=run, actor_id=actor_id, now=now, dry_run=dry_run
            )
            done += len(batch)
            if progress:
                progress(done, len(plans))

    if dry_run:
        try:
            with transaction.atomic():
                work()
                raise _DryRunRollback
        except _DryRunRollback:
            pass
        for p in result.projects:
            p.invoice_id = None
        return result

    try:
        work()
    except BaseException as exc:
        BillingRun.objects.filter(pk=run.pk).update(
            status=BillingRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    finish_run(run, [p.as_dict() | {"project_id": p.project_id} for p in result.projects])
    return result


# A dry run takes no locks and writes no drafts, so its batches can be large: each batch is one
# scan of the entries per strategy and partition, whatever its number of projects.
PREVIEW_BATCH = 10_000


def preview(organisation, *, up_to: dt.date | None = None, project_codes=None) -> RunResult:
    """What would be billed now: a dry run (the run's collect step, without writes, rolled back)."""
    return run_billing(
        organisation,
        up_to=up_to,
        project_codes=project_codes,
        dry_run=True,
        batch_size=PREVIEW_BATCH,
    )
