"""Billing's writes on draft invoices and runs: the finance person's review after a billing run.

Every function takes the acting member keyword-only, checks the capability, works in one
transaction with an audit row, and raises ``ValidationError`` with field-level messages. Entries
taken off a draft (removed, regrouped away, draft deleted) go back to unbilled: ``invoice_line``
null and status ``approved``. Any edit withdraws an approval given before it.

Editing a draft's lines is ``invoicing.drafts`` (one implementation for every draft); what is
here needs the billing engine: taking entries off, regrouping, review against the estimate,
holds, under-runs, and starting runs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from timeledger.accounts.roles import Cap
from timeledger.billing import rules, selectors
from timeledger.billing.engine import runs, sql
from timeledger.billing.engine.base import ClaimConflict, insert
from timeledger.billing.engine.strategies import time as time_lines
from timeledger.billing.models import BillingRun, CarryForward
from timeledger.billing.selectors import review_for
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail_fields
from timeledger.core.hours import hours_2dp
from timeledger.core.money import format_money, quantize
from timeledger.invoicing import drafts, taxes
from timeledger.invoicing.models import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineGrouping,
    LineKind,
)
from timeledger.invoicing.totals import line_net
from timeledger.timesheets.models import TimeEntry


def _require(by, capability: str = Cap.MANAGE_BILLING) -> None:
    if by is None or not by.can(capability):
        raise PermissionDenied(gettext("you may not change invoices"))


def _refresh_time_lines(invoice: Invoice, line_ids) -> None:
    """Re-derive quantity, net and text of time lines from the entries still on them."""
    lines = list(InvoiceLine.objects.filter(pk__in=list(line_ids), kind=LineKind.TIME))
    actual = sql.billed_by_line([line.pk for line in lines])
    empty = []
    language = invoice.client.document_language  # a draft's texts: the client's language now
    for line in lines:
        seconds, count = actual.get(line.pk, (0, 0))
        if count == 0:
            empty.append(line.pk)
            continue
        label = line.description.rsplit(" — ", 1)[0]
        line.quantity = hours_2dp(seconds)
        line.net_amount = line_net(line.quantity, line.unit_price, invoice.currency)
        line.entry_count = count
        line.description = rules.time_line_description(
            label, seconds, line.unit_price, line.net_amount, invoice.currency, language=language
        )[:500]
        line.save(update_fields=["quantity", "net_amount", "entry_count", "description"])
    if empty:
        InvoiceLine.objects.filter(pk__in=empty).delete()


def remove_entries(invoice: Invoice, entry_ids: list[int], *, by) -> int:
    """Take entries off a draft: they return to unbilled and the lines shrink (or go)."""
    with transaction.atomic():
        invoice = drafts.locked_draft(invoice, by)
        before = snapshot(invoice, drafts.REVIEW_FIELDS)
        entries = TimeEntry.objects.filter(pk__in=entry_ids, invoice_line__invoice=invoice)
        line_ids = set(entries.values_list("invoice_line_id", flat=True))
        if len(set(entry_ids)) != entries.count():
            fail_fields(entries=gettext("Some of these entries are not on this draft."))
        released = drafts.release_entries(entry_ids=entry_ids, now=timezone.now())
        _refresh_time_lines(invoice, line_ids)
        drafts.touch(invoice)
        drafts.audit(invoice, by, "remove_entries", before, reason=f"entries {sorted(entry_ids)}")
        return released


def regroup(invoice: Invoice, grouping: str, *, by) -> Invoice:
    """Rebuild the time lines of a draft with another grouping (same entries, same rates)."""
    if grouping not in LineGrouping.values:
        fail_fields(
            grouping=gettext("Choose one of %(choices)s.")
            % {"choices": ", ".join(LineGrouping.values)}
        )
    with transaction.atomic():
        invoice = drafts.locked_draft(invoice, by)
        if invoice.project is None:
            fail_fields(grouping=gettext("Only a project's draft can be regrouped."))
        before = snapshot(invoice, drafts.REVIEW_FIELDS)
        now = timezone.now()
        holding = InvoiceLine.objects.create(
            organisation=invoice.organisation,
            invoice=invoice,
            kind=LineKind.TIME,
            description="(regrouping)",
            group_key=f"hold:{invoice.pk}",
        )
        TimeEntry.objects.filter(invoice_line__invoice=invoice).exclude(
            invoice_line=holding
        ).update(invoice_line=holding, updated_at=now)
        InvoiceLine.objects.filter(invoice=invoice, kind=LineKind.TIME).exclude(
            pk=holding.pk
        ).delete()
        source = sql.Source(line_id=holding.pk)
        groups = sql.aggregate(invoice.organisation_id, [invoice.project_id], grouping, source)
        lines = time_lines.lines_for(
            invoice.project, grouping, groups, language=invoice.client.document_language
        )
        category = taxes.default_category(
            invoice.organisation, client=invoice.client, project=invoice.project
        )
        for line in lines:  # taxed as the run taxes them (and a hand-written line)
            line.tax_category_id = category.pk if category else None
            line.tax_rate = category.rate if category else Decimal("0.00")
        others = list(invoice.lines.exclude(kind=LineKind.TIME).order_by("position", "id"))
        for position, line in enumerate(lines + others, start=1):
            line.position = position
            line.invoice_id = invoice.pk
        insert(InvoiceLine, lines, now)
        for line in others:
            line.save(update_fields=["position"])
        claimed = sql.claim(
            invoice.organisation_id, [invoice.project_id], grouping, source, [invoice.pk], now=now
        )
        if claimed != sum(g.count for g in groups):
            raise ClaimConflict("regroup lost entries")
        holding.delete()
        invoice.grouping = grouping
        invoice.save(update_fields=["grouping", "updated_at"])
        drafts.touch(invoice)
        drafts.audit(invoice, by, "regroup", before)
        return invoice


# --- lines ---------------------------------------------------------------------------------------


def approve_draft(invoice: Invoice, *, by, note: str | None = None) -> Invoice:
    """Mark a draft ready to issue. Over the estimate it needs a note; on hold it cannot."""

    with transaction.atomic():
        invoice = drafts.locked_draft(invoice, by)
        if invoice.status == InvoiceStatus.ON_HOLD:
            fail_fields(
                invoice=gettext("On hold: %(reason)s A manager must release it first.")
                % {"reason": invoice.hold_reason}
            )
        if not invoice.lines.exists():
            fail_fields(invoice=gettext("An empty draft cannot be approved."))
        before = snapshot(invoice, drafts.REVIEW_FIELDS)
        if note is not None:
            invoice.estimate_note = note.strip()
        errors = rules.approval_errors(review_for(invoice), invoice.estimate_note)
        if errors:
            raise ValidationError({k: [v] for k, v in errors.items()})
        invoice.approved_at, invoice.approved_by = timezone.now(), by.user
        invoice.save(update_fields=["estimate_note", "approved_at", "approved_by", "updated_at"])
        drafts.audit(invoice, by, "approve_draft", before, reason=invoice.estimate_note)
        return invoice


def release_hold(invoice: Invoice, *, by, reason: str = "") -> Invoice:
    """A manager releases a reconciliation hold: the draft is a normal draft again."""
    if by is None or not by.can(Cap.MANAGE_PROJECTS):
        raise PermissionDenied(gettext("only a manager may release a hold"))
    with transaction.atomic():
        if invoice.organisation_id != by.organisation_id:
            fail_fields(invoice=gettext("Not found."))
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != InvoiceStatus.ON_HOLD:
            fail_fields(invoice=gettext("This draft is not on hold."))
        before = snapshot(invoice, drafts.REVIEW_FIELDS)
        invoice.status = InvoiceStatus.DRAFT
        invoice.hold_released_at, invoice.hold_released_by = timezone.now(), by.user
        invoice.save(update_fields=["status", "hold_released_at", "hold_released_by", "updated_at"])
        drafts.audit(invoice, by, "release_hold", before, reason=reason or invoice.hold_reason)
        return invoice


def settle_underrun(invoice: Invoice, *, by, choice: str, amount=None) -> Invoice:
    """At project close, settle an under-run (the project cost less than its estimate; see
    ``rules.underrun_offer``) in the client's favour, once, in one of two ways:

    - ``credit``: a credit line on this draft (at most its net), "Credit: project closed … under
      its estimate";
    - ``carry_forward``: the amount is credited on the project's *next* invoice instead. This draft
      records it (a ``CarryForward`` row, one per invoice, and a sentence in its notes for the
      client); the next billing run that bills the project puts it on its draft as a negative
      line "Carried forward from invoice …" that points back here (``engine.strategies.carry_forwards``).
      It moves no money on this invoice.

    ``amount`` defaults to the whole under-run and may not exceed it; what was settled is not
    offered again."""
    if choice not in ("credit", "carry_forward"):
        fail_fields(choice=gettext("Choose 'credit' or 'carry_forward'."))
    with transaction.atomic():
        invoice = drafts.locked_draft(invoice, by)
        offer = selectors.underrun_offer(invoice)
        if offer is None:
            fail_fields(
                choice=gettext(
                    "There is no under-run to settle: the project is open, at its estimate, "
                    "or its under-run was settled already."
                )
            )
        before = snapshot(invoice, drafts.REVIEW_FIELDS)
        value = (
            offer
            if amount in (None, "")
            else quantize(drafts.parse_amount(amount, "amount"), invoice.currency)
        )
        if not 0 < value <= offer:
            fail_fields(
                amount=gettext("Between 0 and the under-run of %(offer)s.")
                % {"offer": format_money(offer, invoice.currency)}
            )
        if choice == "credit":
            if value > invoice.net_total:
                fail_fields(
                    amount=gettext("A credit cannot exceed this invoice (%(net)s).")
                    % {"net": format_money(invoice.net_total, invoice.currency)}
                )
            InvoiceLine.objects.create(
                organisation=invoice.organisation,
                invoice=invoice,
                position=invoice.lines.count() + 1,
                kind=LineKind.CREDIT,
                description=f"Credit: project closed {rules.fmt(value, invoice.currency)} under its "
                "estimate",
                quantity=Decimal(1),
                unit="ea",
                unit_price=-value,
                net_amount=-value,
                group_key=selectors.UNDERRUN_CREDIT_KEY,
            )
        else:
            if CarryForward.objects.filter(source_invoice=invoice).exists():
                fail_fields(choice=gettext("This invoice carries an under-run forward already."))
            CarryForward.objects.create(
                organisation=invoice.organisation,
                project=invoice.project,
                source_invoice=invoice,
                amount=value,
                currency=invoice.currency,
                created_by=by.user,
            )
            line = (
                f"Unused estimate of {rules.fmt(value, invoice.currency)} {invoice.currency} carried forward: "
                "it is credited on the project's next invoice."
            )
            invoice.notes = (invoice.notes + "\n" + line).strip()
            invoice.save(update_fields=["notes", "updated_at"])
        drafts.touch(invoice)
        drafts.audit(invoice, by, f"underrun_{choice}", before, reason=str(value))
        return invoice


def fail_stale_runs(organisation=None, *, now: dt.datetime | None = None) -> list[BillingRun]:
    """Mark failed every ``running`` run (of ``organisation``, or of all) whose heartbeat is older
    than ``BILLING_RUN_STALE_AFTER_MINUTES``: its process died without a word (SIGKILL, OOM).

    Batches are atomic and the heartbeat commits with each, so what the run left is exactly its
    committed batches (their drafts stay; re-running bills the rest); the message says so. Called
    when a run starts (``start_run``) and by the billing tick job. Returns the runs it failed.
    """
    now = now or timezone.now()
    limit = BillingRun.stale_before(now)
    silent = BillingRun.objects.filter(status=BillingRun.Status.RUNNING).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit)
    )
    if organisation is not None:
        silent = silent.filter(organisation=organisation)
    failed = []
    for run in silent.select_related("organisation").order_by("id"):
        made = Invoice.objects.filter(billing_run=run)
        kept = made.aggregate(count=Count("id"))
        totals = {  # per currency, never summed across them
            row["currency"]: str(row["net"])
            for row in made.values("currency").annotate(net=Sum("net_total")).order_by("currency")
        }
        entries = TimeEntry.objects.filter(invoice_line__invoice__billing_run=run).count()
        batches = run.batches_committed
        error = (
            f"stale: no heartbeat since {run.last_sign_of_life.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S}"
            f" UTC (limit {settings.BILLING_RUN_STALE_AFTER_MINUTES} minutes); the unfinished"
            f" batch was rolled back, {batches} batch{'es' if batches != 1 else ''} committed"
            f" ({kept['count']} draft invoice{'s' if kept['count'] != 1 else ''} kept)"
        )
        with transaction.atomic():
            # Conditional on the heartbeat we read: a run that beat meanwhile is alive. On
            # PostgreSQL this UPDATE waits for a batch holding the run row, then re-checks.
            if not BillingRun.objects.filter(
                pk=run.pk, status=BillingRun.Status.RUNNING, heartbeat_at=run.heartbeat_at
            ).update(
                status=BillingRun.Status.FAILED,
                error=error,
                finished_at=now,
                projects_billed=kept["count"],
                invoices_created=kept["count"],
                entries_billed=entries,
                totals=totals,
                updated_at=now,
            ):
                continue
            record(
                organisation=run.organisation,
                actor=None,
                action="fail_stale",
                obj=run,
                before={"status": BillingRun.Status.RUNNING.value},
                after={"status": BillingRun.Status.FAILED.value, "error": error},
            )
        run.refresh_from_db()
        failed.append(run)
    return failed


def start_run(organisation, *, by, up_to=None, project_codes=None, dry_run=False, progress=None):
    """The service behind the Run billing button, the API and the CLI. A dry run (the preview
    of what would be billed now) needs only the right to read reports. A real run first fails
    the organisation's stale runs, so the runs list never shows a dead one as running."""
    _require(by, Cap.VIEW_REPORTS if dry_run else Cap.MANAGE_BILLING)
    if not dry_run:
        fail_stale_runs(organisation)
    return runs.run_billing(
        organisation,
        by=by,
        up_to=up_to,
        project_codes=project_codes,
        dry_run=dry_run,
        progress=progress,
    )


__all__ = [
    "approve_draft",
    "fail_stale_runs",
    "regroup",
    "release_hold",
    "remove_entries",
    "settle_underrun",
    "start_run",
]
