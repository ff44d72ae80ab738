"""Reminders by e-mail: missing time to members, pending approvals to leads.

When they are due (per organisation, ``reminder_frequency``; nothing when it is ``off``):

- **daily** — from 09:00 in the member's own time zone, about the member's previous *working day*
  (``Member.working_days``; a Monday reminder is about Friday for a Monday–Friday worker).
  The period is that date, e.g. ``2026-11-13``.
- **weekly** — from 09:00 on the member's first working day of the week, about the previous ISO
  week. The period is that week, e.g. ``2026-W46``.

Missing time means: logged less than the member's capacity for the period, where a working day's
capacity is ``weekly_capacity_hours`` spread evenly over the working days. Days on or before the
lock date (nobody can log them any more) and before the member joined do not count.

Pending approval: a lead (``Project.lead``) hears about submitted entries of the projects they lead
(not their own); projects without a lead fall to everyone with ``Cap.APPROVE_TIME``. Same
frequency and 09:00 rule, in the lead's time zone; the period is the day or the current ISO week.

Idempotent in the data: a ``ReminderLog`` row (unique per member, kind and period) is inserted in
the same transaction that sends the mail. A second run finds the row and sends nothing; two runs
racing both try to insert, the unique index lets one through. If the SMTP server refuses the mail
the transaction rolls back and the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from timeledger.accounts.models import Member, Organisation, ReminderFrequency
from timeledger.accounts.roles import Cap
from timeledger.core import timeutil
from timeledger.timesheets.models import EntryStatus, ReminderKind, ReminderLog, TimeEntry

log = logging.getLogger(__name__)

REMINDER_HOUR = 9


# --- Pure rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    first: dt.date
    last: dt.date


def iso_week_key(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def previous_working_day(today: dt.date, working_days: set[int]) -> dt.date | None:
    for back in range(1, 8):
        day = today - dt.timedelta(days=back)
        if day.isoweekday() in working_days:
            return day
    return None


def due_period(
    local_now: dt.datetime, frequency: str, working_days: set[int], first_day: int = 1
) -> Period | None:
    """The period a missing-time reminder is about at ``local_now`` (None when none is due)."""
    if frequency == ReminderFrequency.OFF or not working_days:
        return None
    today = local_now.date()
    if local_now.hour < REMINDER_HOUR:
        return None
    if frequency == ReminderFrequency.DAILY:
        day = previous_working_day(today, working_days)
        return Period(day.isoformat(), day, day) if day else None
    if today.isoweekday() < min(working_days):
        return None
    first = timeutil.week_start(today, first_day) - dt.timedelta(days=7)
    return Period(iso_week_key(first), first, first + dt.timedelta(days=6))


def approval_period(local_now: dt.datetime, frequency: str, working_days: set[int]) -> str | None:
    """The period key of a pending-approval reminder due at ``local_now`` (None when none is)."""
    if frequency == ReminderFrequency.OFF or not working_days:
        return None
    today = local_now.date()
    if local_now.hour < REMINDER_HOUR or today.isoweekday() not in working_days:
        return None
    if frequency == ReminderFrequency.DAILY:
        return today.isoformat()
    return iso_week_key(today)


def expected_seconds(
    capacity_hours: Decimal,
    working_days: set[int],
    first: dt.date,
    last: dt.date,
    *,
    skip_up_to: dt.date | None = None,
) -> int:
    """Capacity of the working days in ``first..last`` (after ``skip_up_to``), in seconds."""
    if not working_days:
        return 0
    per_day = Decimal(capacity_hours) * 3600 / len(working_days)
    days = 0
    day = first
    while day <= last:
        if day.isoweekday() in working_days and (skip_up_to is None or day > skip_up_to):
            days += 1
        day += dt.timedelta(days=1)
    return int(per_day * days)


# --- Delivery -----------------------------------------------------------------------------------


def _link(name: str, *args) -> str:
    base = getattr(settings, "TIMELEDGER_BASE_URL", "").rstrip("/")
    try:
        return base + reverse(name, args=args)
    except NoReverseMatch:
        return base + "/"


def _claim_and_send(member: Member, kind: str, period: str, subject: str, body: str) -> bool:
    """Insert the log row and send the mail in one transaction; False if already sent."""
    if ReminderLog.objects.filter(member=member, kind=kind, period=period).exists():
        return False
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                organisation_id=member.organisation_id,
                member=member,
                kind=kind,
                period=period,
                summary=subject,
            )
            send_mail(subject, body, None, [member.user.email])
    except IntegrityError:
        return False  # another run claimed it first
    except (smtplib.SMTPException, OSError):
        log.exception("reminder %s %s to %s not sent; will retry", kind, period, member.user.email)
        return False
    return True


def _logged_seconds(member: Member, first: dt.date, last: dt.date) -> int:
    total = (
        TimeEntry.objects.filter(member=member, date__gte=first, date__lte=last)
        .exclude(start__isnull=False, end__isnull=True)
        .aggregate(total=Sum("seconds"))["total"]
    )
    return total or 0


def _missing_time(org: Organisation, member: Member, now: dt.datetime) -> bool:
    local_now = now.astimezone(timeutil.zone(member.timezone))
    period = due_period(local_now, org.reminder_frequency, member.working_weekdays, org.week_start)
    if period is None:
        return False
    joined = timeutil.local_date(member.created_at, member.timezone)
    skip = max(d for d in (org.lock_date, joined - dt.timedelta(days=1)) if d is not None)
    expected = expected_seconds(
        member.weekly_capacity_hours,
        member.working_weekdays,
        period.first,
        period.last,
        skip_up_to=skip,
    )
    if expected <= 0:
        return False
    logged = _logged_seconds(member, period.first, period.last)
    if logged >= expected:
        return False
    with translation.override(org.mail_language):
        facts = {
            "name": member.user.first_name or member.user.email,
            "logged": timeutil.format_hours(logged),
            "expected": timeutil.format_hours(expected),
            "link": f"{_link('week')}?week={period.first:%Y-%m-%d}",
            "organisation": org.name,
        }
        # One message per line and per kind of period (a day, a week), so each language builds
        # its own sentence; the dates in that language's words (Django's own month/day names).
        if period.first == period.last:
            facts["day"] = formats.date_format(
                period.first, pgettext("reminder e-mail: a day (Django date format)", "l d F Y")
            )
            subject = _("Timeledger: time missing for %(day)s") % facts
            logged_line = _("For %(day)s you have logged %(logged)s of %(expected)s hours.")
        else:
            facts["date"] = formats.date_format(
                period.first, pgettext("reminder e-mail: a date (Django date format)", "d F Y")
            )
            subject = _("Timeledger: time missing for the week of %(date)s") % facts
            logged_line = _(
                "For the week of %(date)s you have logged %(logged)s of %(expected)s hours."
            )
        lines = [
            _("Hello %(name)s,"),
            "",
            logged_line,
            _("Please complete your timesheet: %(link)s"),
            "",
            _("— %(organisation)s via Timeledger"),
        ]
        body = "\n".join(lines) % facts + "\n"
    return _claim_and_send(member, ReminderKind.MISSING_TIME, period.key, subject, body)


def _pending_for(approver: Member):
    mine = Q(project__lead=approver)
    if approver.can(Cap.APPROVE_TIME):
        mine |= Q(project__lead__isnull=True)
    return (
        TimeEntry.objects.filter(organisation_id=approver.organisation_id)
        .filter(status=EntryStatus.SUBMITTED)
        .filter(mine)
        .exclude(member=approver)
    )


def _pending_approval(org: Organisation, approver: Member, now: dt.datetime) -> bool:
    local_now = now.astimezone(timeutil.zone(approver.timezone))
    period = approval_period(local_now, org.reminder_frequency, approver.working_weekdays)
    if period is None:
        return False
    pending = _pending_for(approver)
    rows = list(
        pending.values("member__user__email", "member__user__first_name", "member__user__last_name")
        .annotate(seconds=Sum("seconds"))
        .order_by("member__user__email")
    )
    if not rows:
        return False
    people = [
        f"- {(r['member__user__first_name'] + ' ' + r['member__user__last_name']).strip() or r['member__user__email']}: "
        f"{timeutil.format_hours(r['seconds'] or 0)} h"
        for r in rows
    ]
    count = pending.count()
    facts = {
        "count": count,
        "name": approver.user.first_name or approver.user.email,
        "link": _link("approvals"),
        "organisation": org.name,
    }
    with translation.override(org.mail_language):
        subject = (
            ngettext(
                "Timeledger: %(count)s time entry waiting for approval",
                "Timeledger: %(count)s time entries waiting for approval",
                count,
            )
            % facts
        )
        head = [_("Hello %(name)s,"), "", _("Submitted time is waiting for your approval:")]
        tail = ["", _("Approve or reject: %(link)s"), "", _("— %(organisation)s via Timeledger")]
        body = "\n".join([*(x % facts for x in head), *people, *(x % facts for x in tail)]) + "\n"
    return _claim_and_send(approver, ReminderKind.PENDING_APPROVAL, period, subject, body)


def run_due(now: dt.datetime | None = None) -> dict[str, int]:
    """Send every reminder that is due at ``now`` and not sent yet. Returns counts per kind."""
    now = now or timeutil.now()
    sent = {ReminderKind.MISSING_TIME.value: 0, ReminderKind.PENDING_APPROVAL.value: 0}
    orgs = Organisation.objects.exclude(reminder_frequency=ReminderFrequency.OFF)
    for org in orgs:
        members = list(
            Member.objects.select_related("user", "organisation").filter(
                organisation=org, is_active=True, user__is_active=True
            )
        )
        for member in members:
            if member.can(Cap.LOG_TIME) and _missing_time(org, member, now):
                sent[ReminderKind.MISSING_TIME] += 1
        led = set(
            TimeEntry.objects.filter(organisation=org, status=EntryStatus.SUBMITTED)
            .exclude(project__lead__isnull=True)
            .values_list("project__lead", flat=True)
            .distinct()
        )
        for member in members:
            if (member.pk in led or member.can(Cap.APPROVE_TIME)) and _pending_approval(
                org, member, now
            ):
                sent[ReminderKind.PENDING_APPROVAL] += 1
    return sent
