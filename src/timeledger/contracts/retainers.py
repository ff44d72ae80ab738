"""Retainer periods: hours used, the period row (with hours carried in), the status a lead reads,
and the overage flag raised once when usage reaches the warning level."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from timeledger.contracts import rules
from timeledger.contracts.models import Retainer, RetainerPeriod
from timeledger.core.audit import record
from timeledger.core.hours import hours_2dp
from timeledger.core.money import format_money
from timeledger.timesheets.models import EntryStatus, TimeEntry


@dataclass(frozen=True)
class RetainerStatus:
    retainer: Retainer
    period: RetainerPeriod
    usage: rules.RetainerUsage


def retainer_used_hours(retainer: Retainer, start: dt.date, end: dt.date) -> Decimal:
    """Billable hours logged in the period, approved or not yet (the overage warning must come
    before approval), but never rejected time or a running timer."""

    seconds = (
        TimeEntry.objects.filter(
            project_id=retainer.project_id, is_billable=True, date__gte=start, date__lte=end
        )
        .exclude(start__isnull=False, end__isnull=True)
        .exclude(status=EntryStatus.REJECTED)
        .aggregate(s=Sum("billable_seconds"))["s"]
        or 0
    )
    return hours_2dp(seconds)  # as the period's closing line will bill them


def ensure_period(retainer: Retainer, on: dt.date) -> RetainerPeriod:
    """The period row containing ``on``, created on first use with the hours carried in from
    the previous period (rollover only; carried hours from an existing row are kept)."""
    start, end = rules.period_bounds(retainer.starts_on, retainer.period, on)
    found = RetainerPeriod.objects.filter(retainer=retainer, start=start).first()
    if found:
        return found
    carried = Decimal(0)
    if retainer.rollover and start > retainer.starts_on:
        prev_start, prev_end = rules.period_bounds(
            retainer.starts_on, retainer.period, start - dt.timedelta(days=1)
        )
        prev = ensure_period(retainer, prev_start)
        usage = rules.retainer_usage(
            included_hours=retainer.included_hours,
            carried_in_hours=prev.carried_in_hours,
            used_hours=retainer_used_hours(retainer, prev_start, prev_end),
            overage_rate=retainer.overage_rate,
            rollover=True,
            warn_percent=retainer.warn_percent,
            currency=retainer.project.currency,
            period_closed=True,
        )
        carried = usage.carry_out_hours
    try:
        with transaction.atomic():
            return RetainerPeriod.objects.create(
                organisation_id=retainer.organisation_id,
                retainer=retainer,
                start=start,
                end=end,
                carried_in_hours=carried.quantize(Decimal("0.01")),
            )
    except IntegrityError:  # created concurrently: the unique constraint kept one
        return RetainerPeriod.objects.get(retainer=retainer, start=start)


def retainer_status(retainer: Retainer, on: dt.date) -> RetainerStatus:

    period = ensure_period(retainer, on)
    usage = rules.retainer_usage(
        included_hours=retainer.included_hours,
        carried_in_hours=period.carried_in_hours,
        used_hours=retainer_used_hours(retainer, period.start, period.end),
        overage_rate=retainer.overage_rate,
        rollover=retainer.rollover,
        warn_percent=retainer.warn_percent,
        currency=retainer.project.currency,
        period_closed=on > period.end,
    )
    return RetainerStatus(retainer, period, usage)


def flag_retainer_overages(organisation, *, today: dt.date | None = None) -> list[RetainerPeriod]:
    """Raise the overage flag of every open retainer period whose usage reached its warning
    level, once (conditional UPDATE), and e-mail the project lead after commit."""

    today = today or timezone.localdate()
    flagged = []
    for retainer in Retainer.objects.filter(
        organisation=organisation, starts_on__lte=today
    ).select_related("project__lead__user", "project__client"):
        status = retainer_status(retainer, today)
        if not status.usage.should_flag:
            continue
        with transaction.atomic():
            won = RetainerPeriod.objects.filter(
                pk=status.period.pk, overage_flagged_at__isnull=True
            ).update(overage_flagged_at=timezone.now())
            if not won:
                continue  # already flagged (by us earlier or a concurrent check)
            record(
                organisation=organisation,
                actor=None,
                action="retainer_overage_flag",
                obj=status.period,
                after={
                    "used_hours": str(status.usage.used_hours),
                    "allowance_hours": str(status.usage.allowance_hours),
                    "overage_hours": str(status.usage.overage_hours),
                },
            )
            lead = retainer.project.lead
            if lead is not None:
                subject, body = _overage_mail(retainer, status)
                transaction.on_commit(lambda s=subject, b=body, to=lead.user.email: _mail(to, s, b))
        flagged.append(status.period)
    return flagged


def _overage_mail(retainer: Retainer, status) -> tuple[str, str]:
    """Subject and body of the overage warning to the project lead, in the organisation's
    language (numbers with its separators; the period's dates as ISO dates, as before)."""
    project, usage = retainer.project, status.usage
    language = project.organisation.language or "en"
    with translation.override(project.organisation.mail_language):
        facts = {
            "code": project.code,
            "project": str(project),
            "percent": usage.percent_used,
            "used": formats.number_format(usage.used_hours, 2),
            "allowance": formats.number_format(usage.allowance_hours, 2),
            "over": formats.number_format(usage.overage_hours, 2),
            "start": status.period.start,
            "end": status.period.end,
            "amount": format_money(
                usage.overage_amount,
                project.currency,
                language=None if language == "en" else language,
            ),
            "currency": project.currency,
        }
        subject = _("[%(code)s] Retainer at %(percent)s%% of its hours") % facts
        body = (
            _(
                "%(project)s has used %(used)s of %(allowance)s hours in the period"
                " %(start)s – %(end)s. Overage so far: %(over)s h (%(amount)s %(currency)s)."
            )
            % facts
        )
        return subject, body


def _mail(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
