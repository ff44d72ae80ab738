"""Submission, approval, rejection and reopening of time entries; the organisation's lock date.

The life of an entry::

    draft / rejected --submit--> submitted --approve--> approved --billing run--> invoiced
    submitted --reject (reason)--> rejected      (editable again; the reason is in status_note)
    approved --reopen (manager, reason)--> draft (only while not invoiced; the rate unfreezes)

Who approves: admins and owners (``Cap.APPROVE_ALL_TIME``) every entry; managers
(``Cap.APPROVE_TIME``) the entries of the projects whose team they are on (led, assigned, or open
to everyone); a project's lead that project's entries (never their own). Managers may also approve a
week's drafts directly (``include_drafts``: the member is away and the month must close).

Every transition is set-based (``approvals.workflow.move``, shared with expenses): the entries in
scope are locked (``SELECT … FOR UPDATE`` ordered by id, so two batches never deadlock), then moved with one ``UPDATE … WHERE status IN (expected)``
whose row count must equal the number locked. ``services.update_entry``/``delete_entry`` lock the
same row and re-check its status under the lock, so an edit racing an approval serialises: either
the edit commits first and the edited entry is approved, or the approval commits first and the
edit is refused. An approved entry never changes content afterwards.

Audit: one row per entry per transition (one bulk insert), each carrying the batch id. One row per
entry rather than per batch because the audit log is searched by object: "what happened to entry
4711" must show its approval, and a batch row with a list of ids would be invisible to that search.

Locked periods: entries on or before ``Organisation.lock_date`` do not move either, unless an admin
(``Cap.OVERRIDE_LOCK``) gives an ``override_reason``, which is written on every audit row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member, Organisation, ReminderFrequency
from timeledger.accounts.roles import Cap
from timeledger.approvals import workflow
from timeledger.approvals.signals import time_transitioned
from timeledger.core import events, timeutil
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.projects import teams
from timeledger.projects.models import Project
from timeledger.rates.locking import lock_entries
from timeledger.timesheets.models import EntryStatus, TimeEntry


@dataclass(frozen=True)
class Scope:
    """Which entries an approval action is about: a member-week, a project (optionally one week),
    or explicit entry ids (optionally narrowed by the others)."""

    member: Member | None = None
    week: dt.date | None = None
    project: Project | None = None
    entry_ids: tuple[int, ...] | None = None

    def describe(self) -> str:
        parts = []
        if self.member is not None:
            parts.append(str(self.member))
        if self.project is not None:
            parts.append(self.project.code)
        if self.week is not None:
            parts.append(f"week of {self.week:%d %b %Y}")
        if self.entry_ids:
            parts.append(f"{len(self.entry_ids)} entries")
        return ", ".join(parts)


@dataclass(frozen=True)
class Outcome:
    """What a transition did: the entries it moved and the audit batch that records it."""

    action: str
    entry_ids: list[int]
    batch: str
    missing_rate: int = 0  # approved billable entries with no billing rate in force (unpriced)

    @property
    def count(self) -> int:
        return len(self.entry_ids)


def week_of(day: dt.date, organisation: Organisation) -> dt.date:
    """The first day of the organisation's week (``Organisation.week_start``) containing ``day``."""
    return timeutil.week_start(day, organisation.week_start)


def scope_entries(organisation, scope: Scope):
    """The organisation's entries in ``scope`` (running timers are never part of a batch)."""
    if scope.entry_ids is None and scope.project is None and scope.member is None:
        fail(_("Choose a member and week, a project, or entries."))
    if scope.member is not None and scope.week is None and scope.entry_ids is None:
        fail(_("Choose the week to act on."), "week")
    for name in ("member", "project"):
        obj = getattr(scope, name)
        if obj is not None and obj.organisation_id != organisation.id:
            fail(_("Not found."), name)
    qs = TimeEntry.objects.filter(organisation=organisation).exclude(
        start__isnull=False, end__isnull=True
    )
    if scope.member is not None:
        qs = qs.filter(member=scope.member)
    if scope.project is not None:
        qs = qs.filter(project=scope.project)
    if scope.week is not None:
        first = week_of(scope.week, organisation)
        qs = qs.filter(date__gte=first, date__lt=first + dt.timedelta(days=7))
    if scope.entry_ids is not None:
        qs = qs.filter(pk__in=list(scope.entry_ids))
    return qs


def approvable_filter(by: Member) -> Q:
    """Entries ``by`` may approve or reject: all of them for admins and owners; their teams'
    projects for managers; a lead's own projects for leads — never their own entries for managers
    and leads (four eyes: an admin or another manager approves those)."""
    if by.can(Cap.APPROVE_ALL_TIME):
        return Q()
    if by.can(Cap.APPROVE_TIME):
        return Q(project__in=teams.team_projects(by).values("pk")) & ~Q(member=by)
    return Q(project__lead=by) & ~Q(member=by)


def _not_yours(by: Member) -> str:
    if by.can(Cap.APPROVE_TIME):
        return _(
            "You may approve only others' time on projects whose team you are on; "
            "your own time is approved by an admin or another manager."
        )
    return _("You may approve only entries of projects you lead (and not your own).")


def is_approver(by: Member) -> bool:
    return by.is_active and (
        by.can(Cap.APPROVE_TIME)
        or Project.objects.filter(organisation_id=by.organisation_id, lead=by).exists()
    )


def _transition(
    scope: Scope,
    *,
    by: Member,
    action: str,
    from_statuses: tuple[str, ...],
    to_status: str,
    note: str | None,
    reason: str,
    override_reason: str,
    nothing: str,
    approver_only: bool = True,
    extra_filter: Q | None = None,
    extra_update: dict | None = None,
    lock_rates: bool = False,
) -> Outcome:
    with transaction.atomic():
        candidates = scope_entries(by.organisation, scope).filter(status__in=from_statuses)
        if extra_filter is not None:
            candidates = candidates.filter(extra_filter)
        moved = workflow.move(
            candidates,
            by=by,
            action=action,
            from_statuses=from_statuses,
            to_status=to_status,
            note=note,
            reason=reason,
            override_reason=override_reason,
            nothing=nothing,
            not_yours=_not_yours(by),
            approvable=approvable_filter(by) if approver_only else None,
            extra_update=extra_update,
            # One pass: the rate-freezing UPDATE writes the new status too (each row once).
            write=_freeze_rates_and_move if lock_rates else None,
            related=("project", "member__user"),
        )
        # Apps below (expenses) move what they keep for the same scope, in this transaction.
        time_transitioned.send(
            sender=TimeEntry,
            scope=scope,
            by=by,
            action=action,
            note=note,
            override_reason=override_reason,
        )
        if action in ("approve", "reject"):
            events.emit(
                by.organisation,
                {"approve": "time_entry.approved", "reject": "time_entry.rejected"}[action],
                data={"entry_ids": moved.ids, "batch": moved.batch, "reason": moved.audit_reason},
            )
    return Outcome(
        action=action, entry_ids=moved.ids, batch=moved.batch, missing_rate=moved.missing_rate
    )


def _freeze_rates_and_move(targets, update: dict, now: dt.datetime) -> tuple[int, int]:
    locked = lock_entries(targets, at=now, also_set=update)
    return locked.moved, locked.missing_rate


def submit_week(
    member: Member, monday: dt.date, *, by: Member, override_reason: str = ""
) -> Outcome:
    """Submit ``member``'s draft and rejected entries of the week for approval."""
    if member.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Not a member of your organisation."))
    if member.pk != by.pk and not by.can(Cap.EDIT_ALL_TIME):
        raise PermissionDenied(_("You can only submit your own week."))
    return _transition(
        Scope(member=member, week=monday),
        by=by,
        action="submit",
        from_statuses=(EntryStatus.DRAFT, EntryStatus.REJECTED),
        to_status=EntryStatus.SUBMITTED,
        note="",
        reason="",
        override_reason=override_reason,
        nothing=_("Nothing to submit: no draft or rejected entries in this week."),
        approver_only=False,
    )


def approve(
    scope: Scope,
    *,
    by: Member,
    comment: str = "",
    include_drafts: bool = False,
    override_reason: str = "",
) -> Outcome:
    """Approve the submitted entries in ``scope`` that ``by`` may approve, and freeze their rates.

    ``include_drafts`` (managers only) approves the scope's drafts too.
    """
    statuses: tuple[str, ...] = (EntryStatus.SUBMITTED,)
    if include_drafts:
        if not by.can(Cap.APPROVE_TIME):
            raise PermissionDenied(_("Only managers may approve entries that were not submitted."))
        statuses = (EntryStatus.SUBMITTED, EntryStatus.DRAFT)
    return _transition(
        scope,
        by=by,
        action="approve",
        from_statuses=statuses,
        to_status=EntryStatus.APPROVED,
        note=comment.strip(),
        reason=comment.strip(),
        override_reason=override_reason,
        nothing=_("Nothing to approve: no submitted entries here."),
        lock_rates=True,
    )


def reject(scope: Scope, *, by: Member, reason: str, override_reason: str = "") -> Outcome:
    """Send submitted entries back to their owner, editable, with ``reason`` shown on each."""
    reason = (reason or "").strip()
    if not reason:
        fail(_("Say why, so the member knows what to fix."), "reason")
    return _transition(
        scope,
        by=by,
        action="reject",
        from_statuses=(EntryStatus.SUBMITTED,),
        to_status=EntryStatus.REJECTED,
        note=reason,
        reason=reason,
        override_reason=override_reason,
        nothing=_("Nothing to reject: no submitted entries here."),
    )


def reopen(scope: Scope, *, by: Member, reason: str, override_reason: str = "") -> Outcome:
    """Undo an approval (managers only, with a reason), only for entries not yet invoiced.

    The entries go back to draft with the reason in ``status_note``; their rate unfreezes, so the
    next approval freezes the rates in force then.
    """
    if not by.can(Cap.APPROVE_TIME):
        raise PermissionDenied(_("Only a manager can undo an approval."))
    reason = (reason or "").strip()
    if not reason:
        fail(_("Give the reason for undoing the approval; it is kept in the audit log."), "reason")
    in_scope = scope_entries(by.organisation, scope)
    invoiced = in_scope.filter(
        Q(status=EntryStatus.INVOICED) | Q(invoice_line__isnull=False)
    ).exists()
    nothing = (
        _("These entries are invoiced; correct them with a credit note.")
        if invoiced
        else _("Nothing to reopen: no approved entries here.")
    )
    return _transition(
        scope,
        by=by,
        action="reopen",
        from_statuses=(EntryStatus.APPROVED,),
        to_status=EntryStatus.DRAFT,
        note=reason,
        reason=reason,
        override_reason=override_reason,
        nothing=nothing,
        extra_filter=Q(invoice_line__isnull=True),
        extra_update={"rate_locked_at": None},
    )


# --- Reads for the approval screens -----------------------------------------------------------


def pending_weeks(by: Member, *, status: str = EntryStatus.SUBMITTED):
    """Member-weeks with entries in ``status`` that ``by`` may act on, oldest first.

    Weeks start on the organisation's ``week_start``: the database sums per member and day, and
    the days fold into weeks here (a few rows per member-week, never one per entry)."""
    org = by.organisation
    days = (
        TimeEntry.objects.filter(organisation=org, status=status)
        .filter(approvable_filter(by))
        .values("member", "date")
        .annotate(entries=Count("id"), seconds=Sum("seconds"))
        .order_by()
    )
    weeks: dict[tuple[dt.date, int], dict] = {}
    for d in days:
        key = (week_of(d["date"], org), d["member"])
        w = weeks.setdefault(key, {"entries": 0, "seconds": 0, "first": d["date"]})
        w["entries"] += d["entries"]
        w["seconds"] += d["seconds"] or 0
        w["first"] = min(w["first"], d["date"])
    members = {
        m.pk: m for m in Member.objects.select_related("user").filter(pk__in={k[1] for k in weeks})
    }
    return [
        {**w, "week": week, "member": members[member_id]}
        for (week, member_id), w in sorted(weeks.items(), key=lambda kv: kv[0])
    ]


def week_entries_for_approval(by: Member, member: Member, monday: dt.date):
    return (
        scope_entries(by.organisation, Scope(member=member, week=monday))
        .select_related("project", "task", "client")
        .order_by("date", "start", "id")
    )


# --- Locked periods ---------------------------------------------------------------------------


def set_lock_date(day: dt.date | None, *, by: Member, reason: str = "") -> int:
    """Set (or clear, with ``None``) the date on or before which no entry may change.

    Moving the lock date back or clearing it reopens a closed period, so it needs a reason.
    Returns how many not-yet-approved entries the new date locks (the screen warns about them).
    """
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(_("Only an admin can set the lock date."))

    reason = (reason or "").strip()
    with transaction.atomic():
        org = Organisation.objects.select_for_update(no_key=True).get(pk=by.organisation_id)
        old = org.lock_date
        today = timeutil.local_date(timeutil.now(), org.time_zone)
        if day is not None and day > today:
            fail(_("The lock date cannot be in the future."), "lock_date")
        if old is not None and (day is None or day < old) and not reason:
            fail(_("Give a reason for reopening a locked period."), "reason")
        if day == old:
            return _unapproved_up_to(org, day)
        before = snapshot(org, ["lock_date"])
        org.lock_date = day
        org.save(update_fields=["lock_date"])
        record(
            organisation=org,
            actor=by.user,
            action="lock_date" if day is not None else "unlock",
            obj=org,
            before=before,
            after=snapshot(org, ["lock_date"]),
            reason=reason,
        )
    by.organisation.lock_date = day
    return _unapproved_up_to(org, day)


def _unapproved_up_to(org, day: dt.date | None) -> int:
    if day is None:
        return 0
    return TimeEntry.objects.filter(
        organisation=org,
        date__lte=day,
        status__in=(EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.REJECTED),
    ).count()


SETTINGS_FIELDS = ("reminder_frequency", "approved_unbilled_days")


def set_approval_settings(
    *, by: Member, reminder_frequency: str | None = None, approved_unbilled_days: int | None = None
):
    """Change how often reminders go out and after how many days approved, unbilled time is
    flagged by the weekly audit. Admins only; audited with before and after."""

    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(_("Only an admin can change these settings."))
    errors = {}
    if reminder_frequency is not None and reminder_frequency not in ReminderFrequency.values:
        errors["reminder_frequency"] = [
            _("Choose one of %(choices)s.") % {"choices": ", ".join(ReminderFrequency.values)}
        ]
    if approved_unbilled_days is not None and not 1 <= approved_unbilled_days <= 365:
        errors["approved_unbilled_days"] = [_("Give a number of days between 1 and 365.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        org = Organisation.objects.select_for_update(no_key=True).get(pk=by.organisation_id)
        before = snapshot(org, SETTINGS_FIELDS)
        if reminder_frequency is not None:
            org.reminder_frequency = reminder_frequency
        if approved_unbilled_days is not None:
            org.approved_unbilled_days = approved_unbilled_days
        after = snapshot(org, SETTINGS_FIELDS)
        if after != before:
            org.save(update_fields=list(SETTINGS_FIELDS))
            record(
                organisation=org,
                actor=by.user,
                action="update",
                obj=org,
                before=before,
                after=after,
            )
    by.organisation.reminder_frequency = org.reminder_frequency
    by.organisation.approved_unbilled_days = org.approved_unbilled_days
    return org
