"""Recurring invoices: each due period of a schedule becomes one invoice, exactly once.

``run_due(today)`` is what ``timeledger tick`` (and Celery beat, via ``billing.tasks``) calls.
A schedule row is locked while its periods are invoiced; the unique (schedule, period_start)
constraint on invoices makes a second run, or a second worker, a no-op.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap, Role
from timeledger.core.audit import record, snapshot
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.delivery import send_invoice
from timeledger.invoicing.models import Frequency, Invoice, InvoiceKind, RecurringSchedule

logger = logging.getLogger(__name__)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_period(start: dt.date, frequency: str) -> dt.date:
    """Start of the period after the one starting ``start`` (month ends clamp: 31 Jan → 28 Feb)."""
    if frequency == Frequency.WEEKLY:
        return start + dt.timedelta(days=7)
    if frequency == Frequency.MONTHLY:
        return add_months(start, 1)
    if frequency == Frequency.QUARTERLY:
        return add_months(start, 3)
    return add_months(start, 12)


@dataclass
class RunResult:
    invoices: list[Invoice]
    errors: list[str]


def _acting_member(schedule: RecurringSchedule) -> Member | None:
    """Automatic issuing acts as the schedule's creator if still able, else an owner/admin."""
    members = Member.objects.select_related("user", "organisation").filter(
        organisation_id=schedule.organisation_id, is_active=True
    )
    creator = members.filter(user_id=schedule.created_by_id).first()
    if creator is not None and creator.can(Cap.MANAGE_BILLING):
        return creator
    return (
        members.filter(role__in=[Role.OWNER, Role.ADMIN, Role.ACCOUNTANT])
        .order_by("role", "pk")
        .first()
    )


def invoice_period(schedule: RecurringSchedule, period_start: dt.date, *, by) -> Invoice:
    """Make (and with ``auto_issue``, issue) the invoice of one period of a schedule."""
    period_end = next_period(period_start, schedule.frequency) - dt.timedelta(days=1)
    period = f"{period_start:%d %b %Y} – {period_end:%d %b %Y}"
    invoice = drafts.create_draft(
        schedule.client,
        by=by,
        project=schedule.project,
        kind=InvoiceKind.RECURRING,
        lines=[
            drafts.LineInput(
                description=schedule.description.replace("{period}", period),
                quantity=schedule.quantity,
                unit_price=schedule.unit_price,
                unit=schedule.unit,
                tax_category=schedule.tax_category,
                kind="retainer_fee",
            )
        ],
        notes=f"{schedule.name}: {period}.",
    )
    Invoice.objects.filter(pk=invoice.pk).update(
        recurring_schedule=schedule, period_start=period_start, period_end=period_end
    )
    invoice.refresh_from_db()
    if schedule.auto_issue:
        invoice = issuing.issue_invoice(invoice, by=by, issue_date=period_start)
    return invoice


def run_due(today: dt.date, *, organisation=None) -> RunResult:
    """Invoice every due period of every active schedule (catching up missed periods)."""
    result = RunResult([], [])
    schedules = RecurringSchedule.objects.filter(is_active=True, next_run__lte=today)
    if organisation is not None:
        schedules = schedules.filter(organisation=organisation)
    for schedule_id in schedules.values_list("pk", flat=True):
        while True:
            try:
                with transaction.atomic():
                    schedule = (
                        RecurringSchedule.objects.select_for_update(of=("self",))
                        .select_related("client", "project", "tax_category")
                        .get(pk=schedule_id)
                    )
                    if not schedule.is_active or schedule.next_run > today:
                        break
                    if schedule.end_date and schedule.next_run > schedule.end_date:
                        schedule.is_active = False
                        schedule.save(update_fields=["is_active", "updated_at"])
                        break
                    by = _acting_member(schedule)
                    if by is None:
                        raise PermissionDenied(gettext("no member may issue invoices"))
                    invoice = invoice_period(schedule, schedule.next_run, by=by)
                    schedule.next_run = next_period(schedule.next_run, schedule.frequency)
                    schedule.save(update_fields=["next_run", "updated_at"])
                    record(
                        organisation=schedule.organisation,
                        actor=None,
                        action="recurring_invoice",
                        obj=schedule,
                        reason=f"invoice {invoice.number or invoice.pk}",
                    )
                result.invoices.append(invoice)
            except (ValidationError, PermissionDenied, IntegrityError) as exc:
                msg = f"schedule {schedule_id}: {exc}"
                logger.warning("recurring invoice failed: %s", msg)
                result.errors.append(msg)
                break
    for invoice in result.invoices:
        if invoice.recurring_schedule.auto_send and invoice.number:
            try:
                send_invoice(invoice, by=_acting_member(invoice.recurring_schedule))
            except Exception as exc:  # noqa: BLE001 — reported, the invoice stays issued
                result.errors.append(f"invoice {invoice.number}: not sent: {exc}")
    return result


SCHEDULE_FIELDS = {
    "client",
    "project",
    "name",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "tax_category",
    "frequency",
    "next_run",
    "end_date",
    "auto_issue",
    "auto_send",
    "is_active",
}


def save_schedule(schedule: RecurringSchedule | None, data: dict, *, by) -> RecurringSchedule:
    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot manage recurring invoices."))
    unknown = set(data) - SCHEDULE_FIELDS
    if unknown:
        raise ValidationError(
            {
                "non_field_errors": [
                    gettext("Unknown fields %(fields)s.") % {"fields": sorted(unknown)}
                ]
            }
        )
    creating = schedule is None
    with transaction.atomic():
        if creating:
            schedule = RecurringSchedule(organisation=by.organisation, created_by=by.user)
        for field, value in data.items():
            setattr(schedule, field, value)
        for rel in ("client", "project", "tax_category"):
            obj = getattr(schedule, rel, None)
            if obj is not None and obj.organisation_id != by.organisation.id:
                raise ValidationError({rel: ["Not found."]})
        if schedule.project_id and schedule.project.client_id != schedule.client_id:
            raise ValidationError({"project": [gettext("The project belongs to another client.")]})
        if schedule.end_date and schedule.end_date < schedule.next_run:
            raise ValidationError({"end_date": [gettext("The end date is before the next run.")]})
        schedule.full_clean(exclude=["organisation", "created_by"])
        schedule.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="create" if creating else "update",
            obj=schedule,
            after=snapshot(schedule),
        )
    return schedule
