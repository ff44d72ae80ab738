"""Writes on time entries: timers and manual entries.

Every function takes the acting member keyword-only, validates everything before writing, writes in
one transaction with its audit row, and raises ``ValidationError`` with field-level messages.
Rules shared by the UI, API, CLI and imports live here and only here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.core import timeutil
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail_fields
from timeledger.projects import teams
from timeledger.projects.models import BillingModel, Project, Task
from timeledger.timesheets import rules
from timeledger.timesheets.models import EntryStatus, TimeEntry
from timeledger.timesheets.rounding import rounded_seconds_for_entry

EDITABLE_STATUSES = (EntryStatus.DRAFT, EntryStatus.REJECTED)


def _project_status(status: str) -> str:
    """A project's status inside a sentence ("Project WEB is on hold"), in the active language."""
    return {
        "planned": pgettext("project status", "planned"),
        "active": pgettext("project status", "active"),
        "on_hold": pgettext("project status", "on hold"),
        "closed": pgettext("project status", "closed"),
    }.get(status, status.replace("_", " "))


@dataclass(frozen=True)
class EntryInput:
    """What a person types: project (+ task), and either start–end or a duration on a date."""

    project: Project | None
    task: Task | None = None
    description: str = ""
    is_billable: bool | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    date: dt.date | None = None
    seconds: int | None = None


def _check_target(
    member: Member,
    project: Project | None,
    task: Task | None,
    *,
    by: Member | None = None,
    team: bool = True,
) -> None:
    """The project and task take time from ``member``: open, theirs, and (``team``) one whose team
    ``member`` is on (``projects.teams``: the rule in one place)."""
    org = member.organisation
    if project is None or project.organisation_id != org.id:
        fail_fields(project=_("Choose a project."))
    if not project.is_open_for_time:
        names = {"code": project.code, "status": _project_status(project.status)}
        if project.is_archived:
            fail_fields(
                project=_("Project %(code)s is %(status)s and archived; it takes no new time.")
                % names
            )
        fail_fields(project=_("Project %(code)s is %(status)s; it takes no new time.") % names)
    if task is not None:
        names = {"task": task.name, "code": project.code}
        if task.organisation_id != org.id or task.project_id != project.id:
            fail_fields(task=_("Task '%(task)s' does not belong to project %(code)s.") % names)
        if task.is_archived:
            fail_fields(task=_("Task '%(task)s' is archived.") % names)
    if team and (reason := teams.refusal(member, project, by=by)):
        fail_fields(project=reason)


def _default_billable(project: Project, task: Task | None, explicit: bool | None) -> bool:
    """The billable flag stored on an entry: what was asked, else the task's, else the project's.

    Time on a non-billable (internal) project is never billable, whatever its task says.
    """
    internal = project.billing_model == BillingModel.NON_BILLABLE
    if explicit is not None:
        if explicit and internal:
            fail_fields(
                is_billable=_("Project %(code)s is non-billable; its time cannot be billable.")
                % {"code": project.code}
            )
        return explicit
    if internal:
        return False
    if task is not None:
        return task.is_billable
    return True


def _check_lock(
    member: Member,
    day: dt.date,
    *,
    start: dt.datetime | None = None,
    by: Member | None = None,
    override_reason: str = "",
) -> str:
    """Refuse a change on or before the organisation's lock date, unless an admin overrides it.

    The lock date is the organisation's, read in its time zone (``rules.lock_day``: a timed entry
    counts on its start's date there). Returns the text to put in the audit row's reason ("" when
    the day is not locked), so an override is always recorded next to the change it allowed.
    """
    org = member.organisation
    lock = org.lock_date
    if lock is None or rules.lock_day(day, start, org.time_zone) > lock:
        return ""
    reason = (override_reason or "").strip()
    if not reason:
        fail_fields(
            date=_(
                "The period up to %(date)s is locked (the organisation's date, %(zone)s time); "
                "ask an admin."
            )
            % {"date": date_format(lock, "d M Y"), "zone": org.time_zone}
        )
    if by is None or not by.can(Cap.OVERRIDE_LOCK):
        raise PermissionDenied(_("Only an admin may change a locked period."))
    return f"lock override ({lock:%Y-%m-%d}): {reason}"


def _check_overlap(
    member: Member,
    start: dt.datetime,
    end: dt.datetime,
    exclude_id=None,
    *,
    field: str = "start",
    stopping: bool = False,
) -> None:
    """Refuse [start, end) when it overlaps another timed entry of the member (a running timer
    counts as open-ended); ``stopping``: the refusal of stopping a timer now."""
    clashes = TimeEntry.objects.filter(member=member, start__isnull=False, start__lt=end).exclude(
        end__isnull=False, end__lte=start
    )
    if exclude_id is not None:
        clashes = clashes.exclude(pk=exclude_id)
    clash = clashes.select_related("project").first()
    if clash is not None:
        tz = timeutil.zone(member.timezone)
        clash_end = clash.end.astimezone(tz).strftime("%H:%M") if clash.end else _("now (running)")
        names = {
            "project": clash.project.code,
            "start": date_format(clash.start.astimezone(tz), "d M H:i"),
            "end": clash_end,
        }
        if stopping:
            message = _("Stopping now would overlap your entry on %(project)s %(start)s–%(end)s.")
        else:
            message = _("Overlaps your entry on %(project)s %(start)s–%(end)s.")
        fail_fields(**{field: message % names})


def _lock_member(member: Member) -> None:
    """Serialise writes of one member's entries (overlap checks are read-then-write)."""
    # NO KEY UPDATE: serialises these writers without blocking FK checks (FOR KEY SHARE) of other
    # transactions that reference the member, e.g. an approval committing its entry updates.
    Member.objects.select_for_update(no_key=True).filter(pk=member.pk).first()


def _apply(
    entry: TimeEntry,
    member: Member,
    data: EntryInput,
    *,
    now: dt.datetime,
    by: Member | None = None,
    override_reason: str = "",
) -> str:
    # An entry that stays on its project keeps it even after its member left the team.
    moved = data.project is None or entry.project_id != data.project.pk
    _check_target(member, data.project, data.task, by=by, team=moved)
    tz = member.timezone
    if data.start is not None or data.end is not None:
        if data.start is None or data.end is None:
            fail_fields(**{"start" if data.start is None else "end": _("Give both start and end.")})
        errors = rules.interval_errors(data.start, data.end, now)
        if errors:
            fail_fields(**errors)
        entry.start, entry.end = data.start, data.end
        entry.date = timeutil.local_date(data.start, tz)
        entry.seconds = timeutil.duration_seconds(data.start, data.end)
    else:
        if data.date is None:
            fail_fields(date=_("Give a date (or a start and end)."))
        if data.seconds is None:
            fail_fields(duration=_("Give a duration (or a start and end)."))
        errors = rules.duration_errors(data.seconds, data.date, timeutil.local_date(now, tz))
        if errors:
            fail_fields(**errors)
        entry.start = entry.end = None
        entry.date, entry.seconds = data.date, data.seconds
    _check_day_total(member, entry)
    override = _check_lock(
        member, entry.date, start=entry.start, by=by, override_reason=override_reason
    )
    entry.project, entry.task = data.project, data.task
    entry.client_id = data.project.client_id
    entry.description = data.description.strip()
    entry.is_billable = _default_billable(data.project, data.task, data.is_billable)
    entry.billable_seconds = billable_seconds_for(entry)
    return override


def _check_day_total(member: Member, entry: TimeEntry) -> None:
    """Refuse an entry that takes the member's logged time on its date past the day's length."""
    others = TimeEntry.objects.filter(member=member, date=entry.date).exclude(pk=entry.pk)
    total = entry.seconds + (others.aggregate(s=Sum("seconds"))["s"] or 0)
    start, end = timeutil.day_bounds(entry.date, member.timezone)
    error = rules.day_total_error(entry.date, total, timeutil.duration_seconds(start, end))
    if error:
        fail_fields(**{"duration" if entry.start is None else "end": error})


def _apply_running(
    entry: TimeEntry,
    member: Member,
    data: EntryInput,
    *,
    now: dt.datetime,
    by: Member | None = None,
    override_reason: str = "",
) -> str:
    """Edit a running timer: it keeps running; project, task, description, billable and its start
    may change. The start must be in the past and less than 24 hours ago."""
    moved = data.project is None or entry.project_id != data.project.pk
    _check_target(member, data.project, data.task, by=by, team=moved)
    start = data.start or entry.start
    if start > now:
        fail_fields(start=_("A running timer cannot start in the future."))
    if timeutil.duration_seconds(start, now) > rules.MAX_ENTRY_SECONDS:
        fail_fields(start=_("A running timer cannot have started more than 24 hours ago."))
    entry.start = start
    entry.date = timeutil.local_date(start, member.timezone)
    override = _check_lock(member, entry.date, start=start, by=by, override_reason=override_reason)
    entry.project, entry.task = data.project, data.task
    entry.client_id = data.project.client_id
    entry.description = data.description.strip()
    entry.is_billable = _default_billable(data.project, data.task, data.is_billable)
    return override


def billable_seconds_for(entry: TimeEntry) -> int:
    """The rounded duration of an entry, by its project's (or organisation's) rounding rule."""

    return rounded_seconds_for_entry(entry)


def _check_can_edit(entry: TimeEntry, by: Member) -> None:
    if entry.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Not your organisation's entry."))
    if entry.member_id != by.id and not by.can(Cap.EDIT_ALL_TIME):
        raise PermissionDenied(_("You can only change your own entries."))
    if entry.invoice_line_id is not None or entry.status == EntryStatus.INVOICED:
        fail_fields(non_field_errors=_("This entry is invoiced and can no longer change."))
    if entry.status not in EDITABLE_STATUSES:
        # One sentence per status: the status agrees with "entry" in some languages.
        locked = {
            EntryStatus.SUBMITTED: _(
                "This entry is submitted and locked; ask a manager to reopen it."
            ),
            EntryStatus.APPROVED: _(
                "This entry is approved and locked; ask a manager to reopen it."
            ),
        }
        fail_fields(
            non_field_errors=locked.get(entry.status)
            or _("This entry is %(status)s and locked; ask a manager to reopen it.")
            % {"status": _(entry.get_status_display().lower())}
        )


def _target_member(by: Member, member: Member | None) -> Member:
    if member is None or member.pk == by.pk:
        if not by.can(Cap.LOG_TIME):
            raise PermissionDenied(_("Your role cannot log time."))
        return by
    if member.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Not a member of your organisation."))
    if not by.can(Cap.EDIT_ALL_TIME):
        raise PermissionDenied(_("You can only log your own time."))
    return member


def create_entry(
    data: EntryInput,
    *,
    by: Member,
    member: Member | None = None,
    now: dt.datetime | None = None,
    override_reason: str = "",
) -> TimeEntry:
    """Log a finished entry (start–end, or a duration on a date)."""
    now = now or timeutil.now()
    owner = _target_member(by, member)
    with transaction.atomic():
        _lock_member(owner)
        entry = TimeEntry(organisation=owner.organisation, member=owner)
        override = _apply(entry, owner, data, now=now, by=by, override_reason=override_reason)
        if entry.start is not None:
            _check_overlap(owner, entry.start, entry.end)
        entry.save()
        record(
            organisation=owner.organisation,
            actor=by.user,
            action="create",
            obj=entry,
            after=snapshot(entry),
            reason=override,
        )
    return entry


def log_offline_timer(data: EntryInput, *, by: Member) -> tuple[TimeEntry, bool]:
    """Store a timer run while the browser was offline (start and end as the browser measured
    them), exactly once: the phone retries until it hears back, so the same run again (same
    project, task, start and end) returns the entry stored the first time, ``created`` False.
    Under the member's row lock, two replays at once cannot both create."""
    with transaction.atomic():
        _lock_member(by)
        same = TimeEntry.objects.filter(
            member=by, project=data.project, task=data.task, start=data.start, end=data.end
        ).first()
        if same is not None:
            return same, False
        return create_entry(data, by=by), True


def update_entry(
    entry: TimeEntry,
    data: EntryInput,
    *,
    by: Member,
    now: dt.datetime | None = None,
    override_reason: str = "",
) -> TimeEntry:
    now = now or timeutil.now()
    with transaction.atomic():
        _lock_member(entry.member)
        # Lock only the entry row ("of self"): FOR UPDATE on the joined organisation row would
        # deadlock with a concurrent approval, whose audit rows check their deferred organisation
        # FK at COMMIT (FOR KEY SHARE) while this waits for the approval's entry-row lock.
        entry = (
            TimeEntry.objects.select_for_update(of=("self",))
            .select_related("organisation", "member__user", "member__organisation")
            .get(pk=entry.pk)
        )
        _check_can_edit(entry, by)
        old_override = _check_lock(
            entry.member, entry.date, start=entry.start, by=by, override_reason=override_reason
        )
        before = snapshot(entry)
        # A running timer stays running unless given an end or a duration.
        keep_running = entry.is_running and data.end is None and data.seconds is None
        apply = _apply_running if keep_running else _apply
        override = (
            apply(entry, entry.member, data, now=now, by=by, override_reason=override_reason)
            or old_override
        )
        if entry.start is not None:
            _check_overlap(
                entry.member,
                entry.start,
                entry.end or now + dt.timedelta(seconds=1),
                exclude_id=entry.pk,
            )
        if entry.status == EntryStatus.REJECTED:
            entry.status = EntryStatus.DRAFT
        entry.save()
        record(
            organisation=entry.organisation,
            actor=by.user,
            action="update",
            obj=entry,
            before=before,
            after=snapshot(entry),
            reason=override,
        )
    return entry


def delete_entry(entry: TimeEntry, *, by: Member, override_reason: str = "") -> None:
    with transaction.atomic():
        entry = (
            TimeEntry.objects.select_for_update(of=("self",))
            .select_related("member__organisation")
            .get(pk=entry.pk)
        )
        _check_can_edit(entry, by)
        override = _check_lock(
            entry.member, entry.date, start=entry.start, by=by, override_reason=override_reason
        )
        before = snapshot(entry)
        record(
            organisation=entry.organisation,
            actor=by.user,
            action="delete",
            obj=entry,
            before=before,
            reason=override,
        )
        entry.delete()


def running_timer(member: Member) -> TimeEntry | None:
    return (
        TimeEntry.objects.select_related("project", "task", "client")
        .filter(member=member, start__isnull=False, end__isnull=True)
        .first()
    )


def _after_a_short_timer(member: Member, now: dt.datetime) -> dt.datetime:
    """Where a new timer starts: ``now``, or the end of a timer stopped within its first second.

    Such a timer ends one second after its start (``stop_timer``), i.e. slightly in the future;
    a timer started in that same second (stop, then start at once) begins at that end instead of
    being refused as overlapping it, as ``switch_timer`` does."""
    ahead = (
        TimeEntry.objects.filter(
            member=member,
            start__isnull=False,
            start__lte=now,
            end__gt=now,
            end__lte=now + dt.timedelta(seconds=1),
        )
        .order_by("-end")
        .values_list("end", flat=True)
        .first()
    )
    return ahead or now


def start_timer(
    project: Project | None,
    *,
    by: Member,
    task: Task | None = None,
    description: str = "",
    is_billable: bool | None = None,
    now: dt.datetime | None = None,
) -> TimeEntry:
    """Start a timer. Refused while another runs (use ``switch_timer``); the database enforces it."""
    now = now or timeutil.now()
    member = _target_member(by, None)
    _check_target(member, project, task)
    try:
        with transaction.atomic():
            _lock_member(member)
            if running_timer(member) is not None:
                fail_fields(non_field_errors=_("A timer is already running; stop it or switch."))
            now = _after_a_short_timer(member, now)
            _check_lock(member, timeutil.local_date(now, member.timezone), start=now)
            _check_overlap(member, now, now + dt.timedelta(seconds=1))
            entry = TimeEntry(
                organisation=member.organisation,
                member=member,
                project=project,
                task=task,
                client_id=project.client_id,
                start=now,
                end=None,
                seconds=0,
                date=timeutil.local_date(now, member.timezone),
                description=description.strip(),
                is_billable=_default_billable(project, task, is_billable),
            )
            entry.save()
            record(
                organisation=member.organisation,
                actor=by.user,
                action="timer_start",
                obj=entry,
                after=snapshot(entry),
            )
    except IntegrityError:
        # Two starts raced past the check: the partial unique index kept only one.
        fail_fields(non_field_errors=_("A timer is already running; stop it or switch."))
    return entry


def stop_timer(*, by: Member, now: dt.datetime | None = None) -> TimeEntry:
    """Stop the running timer; it becomes a finished entry (split at 24 h is refused, not silent)."""
    now = now or timeutil.now()
    with transaction.atomic():
        _lock_member(by)
        entry = (
            TimeEntry.objects.select_for_update(of=("self",))
            .select_related("project__organisation")
            .filter(member=by, start__isnull=False, end__isnull=True)
            .first()
        )
        if entry is None:
            fail_fields(non_field_errors=_("No timer is running."))
        # The entry's member and organisation are ``by``'s, already loaded: reuse them rather
        # than fetch them again for the rounding rule, the audit row and its ``str(entry)``.
        entry.member = by
        entry.organisation = by.organisation
        end = max(now, entry.start + dt.timedelta(seconds=1))
        seconds = timeutil.duration_seconds(entry.start, end)
        if seconds > rules.MAX_ENTRY_SECONDS:
            fail_fields(
                non_field_errors=_(
                    "This timer ran for more than 24 hours; edit it and give the real end time."
                )
            )
        # An entry logged ahead of time may lie between the timer's start and now.
        _check_overlap(
            by,
            entry.start,
            end,
            exclude_id=entry.pk,
            field="non_field_errors",
            stopping=True,
        )
        before = snapshot(entry)
        entry.end, entry.seconds = end, seconds
        entry.billable_seconds = billable_seconds_for(entry)
        entry.save()
        record(
            organisation=entry.organisation,
            actor=by.user,
            action="timer_stop",
            obj=entry,
            before=before,
            after=snapshot(entry),
        )
    return entry


def switch_timer(
    project: Project | None,
    *,
    by: Member,
    task: Task | None = None,
    description: str = "",
    is_billable: bool | None = None,
    now: dt.datetime | None = None,
) -> TimeEntry:
    """Stop the running timer (if any) and start another, at the same instant, atomically."""
    now = now or timeutil.now()
    _check_target(by, project, task)
    with transaction.atomic():
        if running_timer(by) is not None:
            # A timer stopped within its first second ends one second after its start; the next
            # one starts exactly there so the two never overlap.
            now = stop_timer(by=by, now=now).end
        return start_timer(
            project, by=by, task=task, description=description, is_billable=is_billable, now=now
        )


def restart_timer(entry: TimeEntry, *, by: Member, now: dt.datetime | None = None) -> TimeEntry:
    """Start again on what ``entry`` was (project, task, description, billable flag), stopping
    the running timer first. Only on one's own entries: nobody runs a timer for someone else."""
    if entry.organisation_id != by.organisation_id or entry.member_id != by.pk:
        raise PermissionDenied(_("You can only restart your own entries."))
    return switch_timer(
        entry.project,
        by=by,
        task=entry.task,
        description=entry.description,
        is_billable=entry.is_billable,
        now=now,
    )


# --- Weekly grid (added by the web UI work; the API/CLI may reuse it) ---------------------------


def set_cell_seconds(
    project: Project | None,
    task: Task | None,
    day: dt.date,
    seconds: int,
    *,
    by: Member,
    now: dt.datetime | None = None,
) -> list[TimeEntry]:
    """Make ``by``'s logged time on ``project``/``task`` on ``day`` total ``seconds``.

    What a weekly-grid cell means. Duration entries that are still editable absorb the change (see
    ``rules.redistribute_cell``); start–end and locked entries are never touched by the grid, so a
    total below them is refused. Every write goes through ``create_entry``/``update_entry``/
    ``delete_entry`` in one transaction: all their checks apply and nothing is half-saved.
    Returns the cell's entries afterwards.
    """
    now = now or timeutil.now()
    member = _target_member(by, None)
    # The team rule is create_entry's: lowering or clearing a cell of a project one has left
    # stays possible, adding time to it does not.
    _check_target(member, project, task, team=False)
    if seconds < 0:
        fail_fields(duration=_("Duration cannot be negative."))
    if seconds > rules.MAX_ENTRY_SECONDS:
        fail_fields(duration=_("A day has at most 24:00."))
    with transaction.atomic():
        _lock_member(member)
        cell = TimeEntry.objects.filter(
            member=member, project=project, task=task, date=day
        ).order_by("id")
        entries = [e for e in cell if not e.is_running]
        adjustable = [e for e in entries if e.is_grid_adjustable]
        fixed = sum(e.seconds for e in entries) - sum(e.seconds for e in adjustable)
        total = fixed + sum(e.seconds for e in adjustable)
        if seconds == total:
            return entries
        if seconds > total and (reason := teams.refusal(member, project)):
            fail_fields(project=reason)
        _check_lock(member, day)
        try:
            new_seconds, extra = rules.redistribute_cell(
                seconds, fixed, [e.seconds for e in adjustable]
            )
        except ValueError:
            fail_fields(
                duration=_(
                    "%(hours)s of this day is timed or already submitted; change those entries "
                    "in the week view."
                )
                % {"hours": timeutil.format_hours(fixed)}
            )
        for entry, new in zip(adjustable, new_seconds, strict=True):
            if new == 0:
                delete_entry(entry, by=by)
            elif new != entry.seconds:
                update_entry(
                    entry,
                    EntryInput(
                        project=project,
                        task=task,
                        description=entry.description,
                        is_billable=entry.is_billable,
                        date=day,
                        seconds=new,
                    ),
                    by=by,
                    now=now,
                )
        if extra:
            create_entry(
                EntryInput(project=project, task=task, date=day, seconds=extra), by=by, now=now
            )
        return [e for e in cell.all() if not e.is_running]


NOTE_MAX_LENGTH = 2000


def set_cell_note(
    project: Project | None,
    task: Task | None,
    day: dt.date,
    note: str,
    *,
    by: Member,
    now: dt.datetime | None = None,
) -> TimeEntry:
    """Write the note of ``by``'s weekly-grid cell (``project``/``task`` on ``day``).

    The note is the description of the cell's oldest editable duration entry: the grid lowers a
    cell from its newest entry first, so this is the entry that keeps its time longest. A cell
    without time has no entry to hold a note; a cell of only timed or submitted time is changed
    in the week view. The write is ``update_entry``'s, with all its checks (lock date, status,
    invoiced). Returns the entry.
    """
    member = _target_member(by, None)
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        fail_fields(
            description=_("A note has at most %(count)s characters.") % {"count": NOTE_MAX_LENGTH}
        )
    with transaction.atomic():
        _lock_member(member)
        entries = [
            e
            for e in TimeEntry.objects.filter(
                member=member, project=project, task=task, date=day
            ).order_by("id")
            if not e.is_running
        ]
        adjustable = [e for e in entries if e.is_grid_adjustable]
        if not adjustable:
            if not entries:
                fail_fields(
                    description=_("Type this day's hours first: the note is kept on its entry.")
                )
            fail_fields(
                description=_(
                    "This day's time is timed or already submitted; change its note in the week "
                    "view."
                )
            )
        entry = adjustable[0]
        if entry.description == note:
            return entry
        return update_entry(
            entry,
            EntryInput(
                project=project,
                task=task,
                description=note,
                is_billable=entry.is_billable,
                date=day,
                seconds=entry.seconds,
            ),
            by=by,
            now=now,
        )
