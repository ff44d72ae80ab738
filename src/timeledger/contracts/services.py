"""Writes on billing terms: not-to-exceed caps and their acceptance, fixed-fee schedules,
milestone progress, retainers and their overage flag, change orders.

Each service takes the actor keyword-only, validates first (field errors), writes in one
transaction with an audit row, and sends mail only after commit. The rules themselves are in
``contract_rules`` (pure).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from timeledger.accounts.roles import Cap
from timeledger.contracts import rules
from timeledger.contracts.budgets import check_budget_alerts
from timeledger.contracts.models import (
    CapAcceptance,
    ChangeOrder,
    ChangeOrderStatus,
    PaymentInstalment,
    ProjectTerms,
    Retainer,
)
from timeledger.contracts.selectors import cap_check, terms_for
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail_fields
from timeledger.core.money import decimals_error, parse_decimal
from timeledger.projects.models import BillingModel, Milestone, MilestoneStatus, Project
from timeledger.timesheets.models import TimeEntry


def _require(by, *caps: str) -> None:
    if not any(by.can(c) for c in caps):
        raise PermissionDenied(_("Your role cannot change billing terms."))


def _same_org(by, obj) -> None:
    if obj.organisation_id != by.organisation_id:
        fail_fields(non_field_errors=_("Not found."))


def _money(
    value, field: str, *, required: bool = False, currency: str | None = None
) -> Decimal | None:
    """A non-negative amount in ``currency`` (its minor unit: 3 decimals for KWD), or hours
    (``currency`` None: two decimals)."""
    if value in (None, ""):
        if required:
            fail_fields(**{field: _("This field is required.")})
        return None
    try:
        amount = parse_decimal(value)
    except (TypeError, ValueError):
        fail_fields(**{field: _("Enter a number.")})
    if amount < 0:
        fail_fields(**{field: _("Cannot be negative.")})
    if currency is not None:
        message = decimals_error(amount, currency)
        if message:
            fail_fields(**{field: message})
    elif amount != amount.quantize(Decimal("0.01")):
        fail_fields(**{field: _("At most two decimals.")})
    return amount


# --- terms, cap ----------------------------------------------------------------------------------


def save_terms(project: Project, data: dict, *, by) -> ProjectTerms:
    """Set the not-to-exceed cap (money and/or hours) and the budget alert thresholds."""
    _require(by, Cap.MANAGE_PROJECTS)
    _same_org(by, project)
    terms = terms_for(project)
    before = snapshot(terms) if terms.pk else None
    if "cap_amount" in data:
        terms.cap_amount = _money(data["cap_amount"], "cap_amount", currency=project.currency)
    if "cap_hours" in data:
        terms.cap_hours = _money(data["cap_hours"], "cap_hours")
    if "alert_thresholds" in data:
        try:
            values = rules.parse_thresholds(str(data["alert_thresholds"]))
        except ValueError as exc:
            fail_fields(alert_thresholds=str(exc))
        terms.alert_thresholds = ",".join(map(str, values))
    if (
        terms.cap_amount is not None or terms.cap_hours is not None
    ) and project.billing_model not in (
        BillingModel.HOURLY,
        BillingModel.HYBRID,
    ):
        fail_fields(cap_amount=_("A not-to-exceed cap applies to hourly (or hybrid) projects."))
    with transaction.atomic():
        terms.save()
        record(
            organisation=project.organisation,
            actor=by.user,
            action="terms",
            obj=terms,
            before=before,
            after=snapshot(terms),
        )
        flag_cap_overruns(project)
    return terms


def flag_cap_overruns(project: Project) -> dict:
    """Mark entries above the not-to-exceed cap ``needs_acceptance`` (and clear the flag of the
    ones back under it, or accepted). Uninvoiced entries only; invoiced ones are history. A project
    without a cap has no entry above it."""
    if not _has_cap(terms_for(project)):
        cleared = TimeEntry.objects.filter(
            project=project, needs_acceptance=True, invoice_line__isnull=True
        ).update(needs_acceptance=False)
        return {"flagged": 0, "cleared": cleared, "over_cap": 0}
    return flag_cap_overruns_in([project.pk])


def _has_cap(terms: ProjectTerms) -> bool:
    return terms.cap_amount is not None or terms.cap_hours is not None


FLAG_CHUNK = 2000  # ids per UPDATE: well inside every database's parameter limit


def flag_cap_overruns_in(project_ids) -> dict:
    """``flag_cap_overruns`` for many projects at once, as the billing engine calls it on every
    run and preview (inside its transaction, after the projects are locked and rates frozen):
    the flags become what ``selectors.cap_check`` says (projects without a cap: untouched).
    One query when no project has a cap."""
    check = cap_check(project_ids)
    out = {"flagged": 0, "cleared": 0, "over_cap": len(check.over)}
    held = check.held
    to_flag, to_clear = [], []
    for pk, flag, line in check.rows:
        if line is not None:
            continue  # invoiced: history
        if pk in held and not flag:
            to_flag.append(pk)
        elif flag and pk not in held:
            to_clear.append(pk)
    if not (to_flag or to_clear):
        return out
    with transaction.atomic():
        for ids, value, key in ((to_flag, True, "flagged"), (to_clear, False, "cleared")):
            for i in range(0, len(ids), FLAG_CHUNK):
                out[key] += TimeEntry.objects.filter(
                    pk__in=ids[i : i + FLAG_CHUNK], invoice_line__isnull=True
                ).update(needs_acceptance=value)
    return out


def accept_overruns(entries, *, by, note: str = "") -> int:
    """A manager accepts entries above the cap: they become billable. Returns how many.

    The cap is applied first (as a billing run would), so an entry a preview listed as held back
    can be accepted before any run or ``tick`` has flagged it."""
    _require(by, Cap.APPROVE_TIME, Cap.MANAGE_PROJECTS)
    ids = [e.pk if hasattr(e, "pk") else int(e) for e in entries]
    with transaction.atomic():
        flag_cap_overruns_in(
            TimeEntry.objects.filter(organisation=by.organisation, pk__in=ids)
            .values_list("project_id", flat=True)
            .distinct()
        )
        rows = list(
            TimeEntry.objects.select_for_update().filter(
                organisation=by.organisation, pk__in=ids, needs_acceptance=True
            )
        )
        if len(rows) != len(set(ids)):
            fail_fields(
                entries=_(
                    "Only entries of your organisation flagged above the cap can be accepted."
                )
            )
        for entry in rows:
            CapAcceptance.objects.get_or_create(
                entry=entry,
                defaults={"organisation": by.organisation, "accepted_by": by.user, "note": note},
            )
            record(
                organisation=by.organisation,
                actor=by.user,
                action="accept_overrun",
                obj=entry,
                before={"needs_acceptance": True},
                after={"needs_acceptance": False},
                reason=note,
            )
        TimeEntry.objects.filter(pk__in=[e.pk for e in rows]).update(needs_acceptance=False)
    return len(rows)


# --- fixed fee schedule --------------------------------------------------------------------------


def save_instalments(project: Project, rows: list[dict], *, by) -> list[PaymentInstalment]:
    """Replace the payment schedule of a fixed-fee project: label, due date and percent each;
    amounts are the fee allocated so they add up exactly. Billed instalments cannot change."""
    _require(by, Cap.MANAGE_PROJECTS)
    _same_org(by, project)
    if project.billing_model != BillingModel.FIXED_FEE:
        fail_fields(instalments=_("Payment schedules are for fixed-fee projects."))
    if not project.fixed_fee:
        fail_fields(instalments=_("Set the project's fixed fee first."))
    percents = []
    for i, row in enumerate(rows):
        try:
            percents.append(parse_decimal(row.get("percent", "")))
        except (TypeError, ValueError):
            fail_fields(**{f"instalments[{i}].percent": _("Enter a percent.")})
        if not str(row.get("label", "")).strip():
            fail_fields(**{f"instalments[{i}].label": _("Give the instalment a name.")})
        due = row.get("due_date")
        if isinstance(due, str):
            try:
                row["due_date"] = dt.date.fromisoformat(due)
            except ValueError:
                fail_fields(**{f"instalments[{i}].due_date": _("Enter a date as YYYY-MM-DD.")})
        elif not isinstance(due, dt.date):
            fail_fields(**{f"instalments[{i}].due_date": _("Enter a due date.")})
    error = rules.schedule_errors(percents)
    if error:
        fail_fields(instalments=error)
    amounts = rules.instalment_amounts(project.fixed_fee, percents, project.currency)
    with transaction.atomic():
        existing = PaymentInstalment.objects.select_for_update().filter(project=project)
        if existing.filter(invoice_line__isnull=False).exists():
            fail_fields(
                instalments=_("Part of this schedule is invoiced; it can no longer change.")
            )
        before = [snapshot(x) for x in existing]
        existing.delete()
        created = PaymentInstalment.objects.bulk_create(
            [
                PaymentInstalment(
                    organisation=project.organisation,
                    project=project,
                    position=i + 1,
                    label=str(row["label"]).strip(),
                    due_date=row["due_date"],
                    percent=pct,
                    amount=amount,
                )
                for i, (row, pct, amount) in enumerate(zip(rows, percents, amounts, strict=True))
            ]
        )
        record(
            organisation=project.organisation,
            actor=by.user,
            action="payment_schedule",
            obj=project,
            before={"instalments": before},
            after={"instalments": [snapshot(x) for x in created]},
        )
    return created


# --- milestones ----------------------------------------------------------------------------------


def set_milestone_progress(milestone: Milestone, percent, *, by) -> Milestone:
    """Record % complete (0–100). 100 completes the milestone. Billing releases
    ``contract_rules.milestone_releasable``: never more than the milestone's value."""
    _require(by, Cap.MANAGE_PROJECTS)
    _same_org(by, milestone)
    try:
        value = parse_decimal(percent)
    except (TypeError, ValueError):
        fail_fields(percent_complete=_("Enter a percent between 0 and 100."))
    error = rules.percent_errors(value)
    if error:
        fail_fields(percent_complete=error)
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before = snapshot(milestone)
        milestone.percent_complete = value
        if value == 100:
            milestone.status = MilestoneStatus.COMPLETE
            milestone.completed_at = milestone.completed_at or timezone.now()
        elif value > 0 and milestone.status == MilestoneStatus.PENDING:
            milestone.status = MilestoneStatus.IN_PROGRESS
        milestone.save()
        record(
            organisation=milestone.organisation,
            actor=by.user,
            action="milestone_progress",
            obj=milestone,
            before=before,
            after=snapshot(milestone),
        )
    return milestone


# --- retainers -----------------------------------------------------------------------------------


def save_retainer(project: Project, data: dict, *, by) -> Retainer:
    _require(by, Cap.MANAGE_PROJECTS)
    _same_org(by, project)
    if project.billing_model != BillingModel.RETAINER:
        fail_fields(non_field_errors=_("Retainer terms are for retainer projects."))
    try:
        retainer = project.retainer
        before = snapshot(retainer)
    except Retainer.DoesNotExist:
        retainer = Retainer(organisation=project.organisation, project=project)
        before = None
    for field in ("fee", "included_hours", "overage_rate"):
        if field in data or retainer.pk is None:
            currency = None if field == "included_hours" else project.currency
            setattr(
                retainer, field, _money(data.get(field), field, required=True, currency=currency)
            )
    if "period" in data or retainer.pk is None:
        if data.get("period", "monthly") not in rules.PERIOD_MONTHS:
            fail_fields(period=_("Choose monthly or quarterly."))
        retainer.period = data.get("period", "monthly")
    if "starts_on" in data or retainer.pk is None:
        starts = data.get("starts_on")
        if isinstance(starts, str):
            try:
                starts = dt.date.fromisoformat(starts)
            except ValueError:
                fail_fields(starts_on=_("Enter a date as YYYY-MM-DD."))
        if not isinstance(starts, dt.date):
            fail_fields(starts_on=_("Enter the first day of the first period."))
        retainer.starts_on = starts
    if "rollover" in data:
        retainer.rollover = bool(data["rollover"])
    if "warn_percent" in data:
        try:
            warn = int(data["warn_percent"])
        except (TypeError, ValueError):
            warn = -1
        if not 1 <= warn <= 100:
            fail_fields(warn_percent=_("A whole percent between 1 and 100."))
        retainer.warn_percent = warn
    with transaction.atomic():
        retainer.save()
        record(
            organisation=project.organisation,
            actor=by.user,
            action="retainer",
            obj=retainer,
            before=before,
            after=snapshot(retainer),
        )
    return retainer


# --- change orders -------------------------------------------------------------------------------


def request_change_order(project: Project, data: dict, *, by) -> ChangeOrder:
    """Anyone who can see the project may request a change (a lead records what the client asked)."""
    _require(by, Cap.VIEW_PROJECTS)
    _same_org(by, project)
    description = str(data.get("description", "")).strip()
    if not description:
        fail_fields(description=_("Describe the change."))
    hours = _money(data.get("hours"), "hours") or Decimal(0)
    amount = _money(data.get("amount"), "amount", currency=project.currency) or Decimal(0)
    if hours == 0 and amount == 0:
        fail_fields(hours=_("Give the hours and/or the amount the change adds."))
    with transaction.atomic():
        co = ChangeOrder.objects.create(
            organisation=project.organisation,
            project=project,
            description=description,
            hours=hours,
            amount=amount,
            requested_by=by.user,
        )
        record(
            organisation=project.organisation,
            actor=by.user,
            action="create",
            obj=co,
            after=snapshot(co),
        )
    return co


def decide_change_order(co: ChangeOrder, *, approve: bool, by, note: str = "") -> ChangeOrder:
    """Approve or reject a requested change order (managers). Approved ones amend the budget
    (``budgets.effective_budget``) and wait, unbilled, as their own line for the next invoice."""
    _require(by, Cap.MANAGE_PROJECTS, Cap.APPROVE_TIME)
    _same_org(by, co)
    with transaction.atomic():
        co = ChangeOrder.objects.select_for_update().get(pk=co.pk)
        if co.status != ChangeOrderStatus.REQUESTED:
            fail_fields(
                status=(
                    _("This change order is already %(status)s by %(member)s.")
                    if co.decided_by
                    else _("This change order is already %(status)s.")
                )
                % {"status": _(co.get_status_display()).lower(), "member": co.decided_by}
            )
        before = snapshot(co)
        co.status = ChangeOrderStatus.APPROVED if approve else ChangeOrderStatus.REJECTED
        co.decided_by = by.user
        co.decided_at = timezone.now()
        co.save()
        record(
            organisation=co.organisation,
            actor=by.user,
            action="approve" if approve else "reject",
            obj=co,
            before=before,
            after=snapshot(co),
            reason=note,
        )
    if approve:
        check_budget_alerts(co.project)
    return co
