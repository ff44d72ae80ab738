"""The weekly audit report: what a finance lead checks before trusting a week's time.

``findings(organisation, week=..., client=..., project=..., member=...)`` returns a list of
``Finding`` rows, each with a link to the screen where it is fixed. The checks, and how the
model's rules shaped them:

- **no billable decision** — the model requires ``is_billable``, so "no decision" cannot mean
  empty. It means a non-billable entry where the default (the task's flag, or the project's billing
  model when there is no task) says billable, and nobody wrote down why: time written off silently.
- **billable on non-billable** — a billable entry on a non-billable task or an internal project.
- **task not in project**, **client/project mismatch** — data that disagrees with itself (imports,
  tasks moved between projects, projects moved between clients).
- **missing time** — per member and *working day* (``Member.working_days``) that has passed in the
  member's time zone: logged less than the day's share of ``weekly_capacity_hours``. Not shown
  when the report is filtered by client or project (capacity is per person, not per project).
- **submitted, not approved** and **approved, not billed** (older than
  ``Organisation.approved_unbilled_days``) are backlogs: they look at everything up to the end of
  the chosen week, not only at that week; each says whether it is dated in the week (``in_week``),
  and ``Filters.earlier=False`` (``?earlier=false``) leaves out those dated before it. "Approved, not billed" is what a billing run would bill
  now and has not (``billing.engine.selection.due_entries``, the engine's own selection): billable
  time on hourly and hybrid projects that are due, and the hours of retainer periods a run would
  close. Fixed-fee and milestone hours, non-billable time and work the run holds back (above a
  not-to-exceed cap, retainer periods with entries awaiting approval) are not listed.
- **closed or archived project** — unbilled entries on a project that no longer takes time.
- **overlapping entries** — start–end entries of one member that overlap (each pair once).
- **no rate** — billable, unbilled entries with no billing rate in force (the same SQL rule that
  freezes rates at approval), so billing would price them at nothing.

Invoiced entries are left out of the data checks: they can no longer change (corrections are
credit notes), and a finding nobody can fix is noise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.billing.engine.selection import due_entries
from timeledger.core import timeutil
from timeledger.projects.models import BillingModel, ProjectStatus
from timeledger.rates import rules
from timeledger.rates.locking import rate_expression
from timeledger.timesheets.models import EntryStatus, TimeEntry


class Kind:
    NO_BILLABLE_DECISION = "no_billable_decision"
    TASK_NOT_IN_PROJECT = "task_not_in_project"
    CLIENT_MISMATCH = "client_project_mismatch"
    BILLABLE_ON_NON_BILLABLE = "billable_on_non_billable"
    MISSING_TIME = "missing_time"
    SUBMITTED_UNAPPROVED = "submitted_unapproved"
    APPROVED_UNBILLED = "approved_unbilled"
    CLOSED_PROJECT = "closed_project"
    OVERLAP = "overlap"
    NO_RATE = "no_rate"


# The checks' titles, marked for the catalogues; ``Finding.title`` and ``summary`` give them in
# the active language (the messages and fix labels are made in it).
TITLES = {
    Kind.NO_BILLABLE_DECISION: gettext_noop("Non-billable without a reason"),
    Kind.TASK_NOT_IN_PROJECT: gettext_noop("Task not in the entry's project"),
    Kind.CLIENT_MISMATCH: gettext_noop("Client does not match the project"),
    Kind.BILLABLE_ON_NON_BILLABLE: gettext_noop("Billable on a non-billable task or project"),
    Kind.MISSING_TIME: gettext_noop("Missing time"),
    Kind.SUBMITTED_UNAPPROVED: gettext_noop("Submitted, not approved"),
    Kind.APPROVED_UNBILLED: gettext_noop("Approved, not billed"),
    Kind.CLOSED_PROJECT: gettext_noop("Entry on a closed or archived project"),
    Kind.OVERLAP: gettext_noop("Overlapping entries"),
    Kind.NO_RATE: gettext_noop("No billing rate"),
}
ORDER = list(TITLES)


@dataclass
class Finding:
    kind: str
    message: str
    fix_url: str
    fix_label: str
    member: str = ""
    member_id: int | None = None
    date: dt.date | None = None
    project: str = ""
    client: str = ""
    entry_id: int | None = None
    hours: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return _(TITLES[self.kind])

    def in_week(self, monday: dt.date) -> bool:
        """Dated in the week starting ``monday`` (a backlog finding may be older)."""
        return self.date is None or monday <= self.date <= monday + dt.timedelta(days=6)


@dataclass(frozen=True)
class Filters:
    week: dt.date
    client_id: int | None = None
    project_id: int | None = None
    member_id: int | None = None
    first_day: int = 1  # ISO weekday the organisation's weeks start on
    # Backlog findings dated before the week (submitted or approved-unbilled time of earlier
    # weeks, still open at its end); ``False`` keeps the report to the week's own dates.
    earlier: bool = True

    @property
    def monday(self) -> dt.date:
        """The week's first day (a Monday unless the organisation's weeks start otherwise)."""
        return timeutil.week_start(self.week, self.first_day)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


# --- Links to the fix -------------------------------------------------------------------------


def _url(name: str, *args, query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


def approval_url(member_id: int, day: dt.date) -> str:
    return reverse("approval_week", args=[member_id, f"{timeutil.week_start(day):%Y-%m-%d}"])


def entry_fix(entry: TimeEntry) -> tuple[str, str]:
    """Where an entry is corrected: its edit page while editable, else the approval page
    (reject or undo the approval there first)."""
    if entry.status in (EntryStatus.DRAFT, EntryStatus.REJECTED):
        url = _url("entry_edit", entry.pk)
        if url:
            return url, _("Edit entry")
    return approval_url(entry.member_id, entry.date), _("Open in approvals")


# --- The checks -------------------------------------------------------------------------------


def _base(organisation, f: Filters):
    qs = (
        TimeEntry.objects.filter(organisation=organisation)
        .exclude(start__isnull=False, end__isnull=True)
        .select_related("member__user", "project__client", "task", "client")
    )
    if f.client_id:
        qs = qs.filter(Q(client_id=f.client_id) | Q(project__client_id=f.client_id))
    if f.project_id:
        qs = qs.filter(project_id=f.project_id)
    if f.member_id:
        qs = qs.filter(member_id=f.member_id)
    return qs


def _entry_finding(kind: str, entry: TimeEntry, message: str, **extra) -> Finding:
    url, label = entry_fix(entry)
    return Finding(
        kind=kind,
        message=message,
        fix_url=url,
        fix_label=label,
        member=str(entry.member),
        member_id=entry.member_id,
        date=entry.date,
        project=entry.project.code,
        client=entry.project.client.code,
        entry_id=entry.pk,
        hours=timeutil.format_hours(entry.seconds),
        extra=extra,
    )


def _data_checks(week_qs) -> list[Finding]:
    out: list[Finding] = []
    fixable = week_qs.exclude(status=EntryStatus.INVOICED).filter(invoice_line__isnull=True)
    billable_default = Q(task__is_billable=True) | Q(
        task__isnull=True,
        project__billing_model__in=[
            m for m in BillingModel.values if m != BillingModel.NON_BILLABLE
        ],
    )
    for e in fixable.filter(billable_default, is_billable=False, description__regex=r"^\s*$"):
        if e.task:
            message = _(
                "Marked non-billable although task '%(task)s' is billable, with no description"
                " saying why."
            ) % {"task": e.task.name}
        else:
            message = _(
                "Marked non-billable although project %(project)s is billable, with no"
                " description saying why."
            ) % {"project": e.project.code}
        out.append(_entry_finding(Kind.NO_BILLABLE_DECISION, e, message))
    for e in fixable.filter(task__isnull=False).exclude(task__project_id=F("project_id")):
        out.append(
            _entry_finding(
                Kind.TASK_NOT_IN_PROJECT,
                e,
                _("Task '%(task)s' belongs to another project, not %(project)s.")
                % {"task": e.task.name, "project": e.project.code},
            )
        )
    for e in fixable.exclude(client_id=F("project__client_id")):
        out.append(
            _entry_finding(
                Kind.CLIENT_MISMATCH,
                e,
                _("Entry is for client %(client)s but project %(project)s is %(owner)s's.")
                % {
                    "client": e.client.code,
                    "project": e.project.code,
                    "owner": e.project.client.code,
                },
            )
        )
    for e in fixable.filter(is_billable=True).filter(
        Q(task__is_billable=False) | Q(project__billing_model=BillingModel.NON_BILLABLE)
    ):
        if e.task and not e.task.is_billable:
            message = _("Billable, but task '%(task)s' is non-billable.") % {"task": e.task.name}
        else:
            message = _("Billable, but project %(project)s is internal.") % {
                "project": e.project.code
            }
        out.append(_entry_finding(Kind.BILLABLE_ON_NON_BILLABLE, e, message))
    for e in fixable.filter(Q(project__status=ProjectStatus.CLOSED) | Q(project__is_archived=True)):
        if e.project.is_archived:
            message = _("Project %(project)s is archived; move or remove this time.")
        else:
            message = _("Project %(project)s is closed; move or remove this time.")
        out.append(_entry_finding(Kind.CLOSED_PROJECT, e, message % {"project": e.project.code}))
    out.extend(_overlaps(fixable))
    out.extend(_no_rate(fixable))
    return out


def _overlaps(qs) -> list[Finding]:
    out = []
    timed = qs.filter(start__isnull=False, end__isnull=False).order_by("member_id", "start", "id")
    current_member, open_entries = None, []
    for e in timed:
        if e.member_id != current_member:
            current_member, open_entries = e.member_id, []
        open_entries = [o for o in open_entries if o.end > e.start]
        for other in open_entries:
            tz = timeutil.zone(e.member.timezone)
            out.append(
                _entry_finding(
                    Kind.OVERLAP,
                    e,
                    _(
                        "%(start)s–%(end)s on %(project)s overlaps entry #%(other)s"
                        " (%(other_start)s–%(other_end)s on %(other_project)s)."
                    )
                    % {
                        "start": f"{e.start.astimezone(tz):%H:%M}",
                        "end": f"{e.end.astimezone(tz):%H:%M}",
                        "project": e.project.code,
                        "other": other.pk,
                        "other_start": f"{other.start.astimezone(tz):%H:%M}",
                        "other_end": f"{other.end.astimezone(tz):%H:%M}",
                        "other_project": other.project.code,
                    },
                    other=other.pk,
                )
            )
        open_entries.append(e)
    return out


def _no_rate(qs) -> list[Finding]:

    unlocked = qs.filter(is_billable=True, rate_locked_at__isnull=True)
    missing = unlocked.annotate(resolved=rate_expression(rules.BILLING)).filter(
        resolved__isnull=True
    )
    locked_without = qs.filter(is_billable=True, rate_locked_at__isnull=False, rate__isnull=True)
    out = []
    for e in list(missing) + list(locked_without):
        out.append(
            _entry_finding(
                Kind.NO_RATE,
                e,
                _(
                    "No billing rate in force on %(day)s for %(member)s on %(project)s; billing"
                    " would price it at nothing."
                )
                % {
                    "day": formats.date_format(e.date, "d M Y"),
                    "member": e.member,
                    "project": e.project.code,
                },
            )
        )
    return out


def _backlogs(organisation, base, f: Filters, today: dt.date) -> list[Finding]:
    out = []
    upto = base.filter(date__lte=f.sunday)
    for e in upto.filter(status=EntryStatus.SUBMITTED).order_by("date", "id"):
        out.append(
            Finding(
                kind=Kind.SUBMITTED_UNAPPROVED,
                message=ngettext(
                    "Submitted, waiting for approval (%(days)s day old).",
                    "Submitted, waiting for approval (%(days)s days old).",
                    (today - e.date).days,
                )
                % {"days": (today - e.date).days},
                fix_url=approval_url(e.member_id, e.date),
                fix_label=_("Approve or reject"),
                member=str(e.member),
                member_id=e.member_id,
                date=e.date,
                project=e.project.code,
                client=e.project.client.code,
                entry_id=e.pk,
                hours=timeutil.format_hours(e.seconds),
            )
        )
    days = organisation.approved_unbilled_days
    cutoff = today - dt.timedelta(days=days)
    billing = _url("billing_home")
    # Exactly what a billing run would bill now and has not: the engine's own selection, so
    # non-billable time, fixed-fee and milestone hours and held-back work raise no false alarm.
    due = due_entries(organisation, up_to=today).values("pk")
    stale = upto.filter(pk__in=due, date__lt=cutoff).order_by("date", "id")
    for e in stale:
        out.append(
            Finding(
                kind=Kind.APPROVED_UNBILLED,
                message=_(
                    "Approved but not on an invoice, %(days)s days after the work (limit"
                    " %(limit)s days)."
                )
                % {"days": (today - e.date).days, "limit": days},
                fix_url=billing or approval_url(e.member_id, e.date),
                fix_label=_("Run billing") if billing else _("Open in approvals"),
                member=str(e.member),
                member_id=e.member_id,
                date=e.date,
                project=e.project.code,
                client=e.project.client.code,
                entry_id=e.pk,
                hours=timeutil.format_hours(e.seconds),
            )
        )
    return out


def _missing_time(organisation, f: Filters, now: dt.datetime) -> list[Finding]:
    members = Member.objects.filter(organisation=organisation, is_active=True).select_related(
        "user"
    )
    if f.member_id:
        members = members.filter(pk=f.member_id)
    members = [m for m in members if m.can(Cap.LOG_TIME)]
    logged = {
        (r["member_id"], r["date"]): r["seconds"]
        for r in TimeEntry.objects.filter(
            organisation=organisation,
            member__in=members,
            date__gte=f.monday,
            date__lte=f.sunday,
        )
        .exclude(start__isnull=False, end__isnull=True)
        .values("member_id", "date")
        .annotate(seconds=Sum("seconds"))
    }
    out = []
    for m in members:
        working = m.working_weekdays
        if not working:
            continue
        per_day = int(Decimal(m.weekly_capacity_hours) * 3600 / len(working))
        if per_day <= 0:
            continue
        today = timeutil.local_date(now, m.timezone)
        joined = timeutil.local_date(m.created_at, m.timezone)
        for day in timeutil.week_days(f.monday):
            if day >= today or day < joined or day.isoweekday() not in working:
                continue
            got = logged.get((m.pk, day), 0)
            if got >= per_day:
                continue
            out.append(
                Finding(
                    kind=Kind.MISSING_TIME,
                    message=_("Logged %(logged)s of %(expected)s on %(weekday)s.")
                    % {
                        "logged": timeutil.format_hours(got),
                        "expected": timeutil.format_hours(per_day),
                        "weekday": formats.date_format(day, "l"),
                    },
                    fix_url=approval_url(m.pk, day),
                    fix_label=_("Open the week"),
                    member=str(m),
                    member_id=m.pk,
                    date=day,
                    hours=timeutil.format_hours(per_day - got),
                    extra={"logged_seconds": got, "expected_seconds": per_day},
                )
            )
    return out


def findings(organisation, f: Filters, *, now: dt.datetime | None = None) -> list[Finding]:
    """Every finding of the week ``f.week`` for ``organisation``, in report order."""
    now = now or timeutil.now()
    today = timeutil.local_date(now, organisation.time_zone)
    base = _base(organisation, f)
    week_qs = base.filter(date__gte=f.monday, date__lte=f.sunday)
    out = _data_checks(week_qs) + _backlogs(organisation, base, f, today)
    if not (f.client_id or f.project_id):
        out += _missing_time(organisation, f, now)
    if not f.earlier:
        out = [x for x in out if x.in_week(f.monday)]
    rank = {k: i for i, k in enumerate(ORDER)}
    out.sort(key=lambda x: (rank[x.kind], x.date or dt.date.min, x.member, x.entry_id or 0))
    return out


def summary(items: list[Finding]) -> list[tuple[str, str, int]]:
    counts = {k: 0 for k in ORDER}
    for item in items:
        counts[item.kind] += 1
    return [(k, _(TITLES[k]), counts[k]) for k in ORDER]


COLUMNS = ["check", "member", "date", "client", "project", "entry", "hours", "finding", "fix"]


def rows(items: list[Finding], absolute) -> list[list]:
    """Flat rows for CSV/XLSX; ``absolute(url)`` makes links absolute."""
    return [
        [
            i.title,
            i.member,
            i.date.isoformat() if i.date else "",
            i.client,
            i.project,
            i.entry_id or "",
            i.hours,
            i.message,
            absolute(i.fix_url),
        ]
        for i in items
    ]
