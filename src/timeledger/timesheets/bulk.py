"""Creating many finished entries at once (imports), set-based, under the rules of ``services``.

Each entry passes the very checks ``services.create_entry`` makes — who may log for whom, an open
project and a task of it, billable required (and never on a non-billable project), the interval
and duration rules, the lock date, no overlap with the member's other timed entries (running
timers included) — in the same words. What differs is how: the checks are the services' own
functions called per row with results cached per project and task, overlaps are found in memory
against the members' timed entries read once (with the members locked, as ``_lock_member`` does
for one), and the rows go in with one ``COPY`` (PostgreSQL) or batched ``INSERT`` (SQLite)
instead of one ``save()`` each. A row that fails a check is reported, never written.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from timeledger.accounts.models import Member
from timeledger.core import bulk as core_bulk
from timeledger.core import timeutil
from timeledger.projects.models import Project, Task
from timeledger.timesheets import rules
from timeledger.timesheets.models import EntryStatus, TimeEntry
from timeledger.timesheets.rounding import round_seconds, rule_for
from timeledger.timesheets.services import (
    _check_lock,
    _check_target,
    _default_billable,
    _target_member,
)

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(slots=True)
class BilledElsewhere:
    """An entry already invoiced outside Timeledger: it is stored invoiced with its frozen rate
    and amount (when known) and no invoice line, so no billing run ever picks it up."""

    rate: Decimal | None
    amount: Decimal | None
    source: str


@dataclass(slots=True)
class NewEntry:
    """One finished entry to create: start–end instants, or a duration on a local date."""

    member: Member
    project: Project
    task: Task | None
    description: str
    is_billable: bool | None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    day: dt.date | None = None
    seconds: int = 0
    rate_override: Decimal | None = None
    billed: BilledElsewhere | None = None
    label: str = "another row of this import"
    # Set by ``BulkChecker.check``:
    date: dt.date | None = None
    billable: bool = False
    billable_seconds: int = 0


def _message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(exc.messages)


def _ts(instant: dt.datetime) -> float:
    return (instant - _EPOCH).total_seconds()


class BulkChecker:
    """Checks new entries of one organisation against the rules, and against each other.

    ``load`` first: it reads the members' timed entries for the overlap check (and, for a
    commit, locks the members inside the caller's transaction).
    """

    def __init__(self, organisation, *, by: Member, now: dt.datetime | None = None) -> None:
        self.organisation = organisation
        self.by = by
        self.now = now or timeutil.now()
        self._targets: dict[tuple, str | None] = {}
        self._billable: dict[tuple, bool | str] = {}
        self._members: dict[int | None, str | None] = {}
        self._rounding: dict[int | None, tuple[int, str]] = {}
        self._fixed: dict[tuple, tuple] = {}
        self._today: dict[str, dt.date] = {}
        # member id → sorted interval starts, and (end, label) in the same order
        self._starts: dict[int, list[float]] = {}
        self._rest: dict[int, list[tuple[float, str]]] = {}
        self._window: tuple = (None, None)
        self._pending: set[int] = set()
        self._rounded: dict[tuple, int] = {}
        # Bounds inside which an interval in UTC has no error of ``rules.interval_errors``: an
        # interval inside them skips the call (one outside gets the rule's own words).
        self._latest = self.now.astimezone(dt.UTC) + rules.FUTURE_TOLERANCE
        self._earliest = dt.datetime.combine(rules.EARLIEST_DATE, dt.time.min, tzinfo=dt.UTC)
        self._longest = dt.timedelta(seconds=rules.MAX_ENTRY_SECONDS)

    def load(
        self, member_ids, start: dt.datetime | None, end: dt.datetime | None, *, lock: bool
    ) -> None:
        """Prepare the overlap check for these members' entries around [start, end]; with
        ``lock`` (a commit) lock the members first, as ``services._lock_member`` does for one, so
        no entry of theirs can be written between the check and the caller's commit. A member's
        timed entries are read when a row of theirs is first checked (a re-import, whose rows
        are all known already, reads none)."""
        ids = sorted({i for i in member_ids if i is not None})
        self._window = (start, end)
        self._pending = set(ids)
        if ids and lock:
            # NO KEY UPDATE, in id order: no deadlock between two imports of the same people.
            list(
                Member.objects.select_for_update(no_key=True)
                .filter(pk__in=ids)
                .order_by("pk")
                .values_list("pk", flat=True)
            )

    def _read_pending(self) -> None:
        """The timed entries around the window of every member still pending, in one query
        (called when the first row of any of them is checked)."""
        ids, self._pending = sorted(self._pending), set()
        start, end = self._window
        if start is None or end is None or not ids:
            return
        timed = (
            TimeEntry.objects.filter(
                member_id__in=ids, start__isnull=False, start__lt=end + dt.timedelta(days=1)
            )
            .exclude(end__isnull=False, end__lte=start - dt.timedelta(days=1))
            .values_list("member_id", "start", "end", "project__code", "member__user__timezone")
            .order_by("member_id", "start")
        )
        far = _ts(self.now + dt.timedelta(days=36500))
        for member_id, s, e, code, zone in timed:
            tz = timeutil.zone(zone)
            until = e.astimezone(tz).strftime("%H:%M") if e else "now (running)"
            label = f"your entry on {code} {s.astimezone(tz):%d %b %Y %H:%M}–{until}"
            # Already in start order, and read before any row of the file is added.
            self._starts.setdefault(member_id, []).append(_ts(s))
            self._rest.setdefault(member_id, []).append((_ts(e) if e is not None else far, label))

    def read_overlaps(self) -> None:
        """Read the timed entries of every member still pending now (a caller about to open a
        ``COPY``, during which no other query can run, calls this first)."""
        if self._pending:
            self._read_pending()

    def _add(self, member_id, start: float, end: float, label: str) -> None:
        starts = self._starts.setdefault(member_id, [])
        rest = self._rest.setdefault(member_id, [])
        i = bisect.bisect_left(starts, start)
        starts.insert(i, start)
        rest.insert(i, (end, label))

    def _clash(self, member_id, start: float, end: float) -> str | None:
        starts = self._starts.get(member_id)
        if not starts:
            return None
        i = bisect.bisect_left(starts, end)
        # Intervals of one member do not overlap each other, so only the last one starting
        # before this end can reach into it; earlier ones ended before that one began.
        for j in range(i - 1, max(i - 3, -1), -1):
            other_end, label = self._rest[member_id][j]
            if other_end > start:
                return label
        return None

    def _member_error(self, member: Member) -> str | None:
        key = member.pk
        if key not in self._members:
            if member.pk is None:
                self._members[key] = None
            else:
                try:
                    _target_member(self.by, member)
                    self._members[key] = None
                except PermissionDenied as exc:
                    self._members[key] = str(exc)
        return self._members[key]

    def _target_error(self, project: Project, task: Task | None) -> str | None:
        key = (id(project), id(task))
        if key not in self._targets:
            try:
                # History from another tool predates teams here: the team rule is not applied.
                _check_target(self.by, project, task, team=False)
                self._targets[key] = None
            except ValidationError as exc:
                self._targets[key] = _message(exc)
        return self._targets[key]

    def _billable_flag(self, project, task, explicit) -> bool | str:
        key = (id(project), id(task), explicit)
        if key not in self._billable:
            try:
                self._billable[key] = _default_billable(project, task, explicit)
            except ValidationError as exc:
                self._billable[key] = _message(exc)
        return self._billable[key]

    def _local_today(self, tz: str) -> dt.date:
        if tz not in self._today:
            self._today[tz] = timeutil.local_date(self.now, tz)
        return self._today[tz]

    def _fixed_checks(self, e: NewEntry) -> tuple:
        """What a row's checks give for its member, project, task and billable flag alone — the
        same for every row of that combination: the member or target error (or None), the
        member's zone, the billable flag (or its error) and the project's rounding rule."""
        error = self._member_error(e.member) or self._target_error(e.project, e.task)
        tz = timeutil.zone(e.member.timezone)
        flag = self._billable_flag(e.project, e.task, e.is_billable)
        project_key = id(e.project)
        if project_key not in self._rounding:
            self._rounding[project_key] = rule_for(e.project, self.organisation)
        # ``_check_lock`` compares with the lock date of the member's organisation object, which
        # a check does not change: without one it has nothing to refuse.
        has_lock = e.member.organisation.lock_date is not None
        return error, tz, flag, self._rounding[project_key], has_lock

    def check(self, e: NewEntry) -> str | None:
        """The reason ``e`` cannot be created, or None (then ``date``, ``billable`` and
        ``billable_seconds`` are set and ``e`` counts for the overlap of the next ones)."""
        combination = (id(e.member), id(e.project), id(e.task), e.is_billable)
        fixed = self._fixed.get(combination)
        if fixed is None:
            fixed = self._fixed[combination] = self._fixed_checks(e)
        error, tz, flag, rounding, has_lock = fixed
        if error:
            return error
        start, end = e.start, e.end
        if start is not None:
            # Instants in UTC within the bounds (most rows) cannot fail the interval rule.
            if not (
                start.tzinfo is dt.UTC
                and end.tzinfo is dt.UTC
                and self._earliest <= start < end <= self._latest
                and end - start <= self._longest
            ):
                errors = rules.interval_errors(start, end, self.now)
                if errors:
                    return next(iter(errors.values()))
            e.date = start.astimezone(tz).date()
            e.seconds = int((end - start).total_seconds())
        else:
            errors = rules.duration_errors(e.seconds, e.day, self._local_today(tz.key))
            if errors:
                return next(iter(errors.values()))
            e.date = e.day
        if has_lock:
            try:
                _check_lock(e.member, e.date)
            except ValidationError as exc:
                return _message(exc)
        if isinstance(flag, str):
            return flag
        e.billable = flag
        rounded_key = (e.seconds, rounding)
        rounded = self._rounded.get(rounded_key)
        if rounded is None:
            rounded = self._rounded[rounded_key] = round_seconds(e.seconds, *rounding)
        e.billable_seconds = rounded
        if start is not None:
            if self._pending and e.member.pk in self._pending:
                self._read_pending()
            start, end = _ts(start), _ts(end)
            member_key = e.member.pk if e.member.pk is not None else id(e.member)
            clash = self._clash(member_key, start, end)
            if clash:
                return f"Overlaps {clash}."
            self._add(member_key, start, end, e.label)
        return None


# --- writing --------------------------------------------------------------------------------------

COLUMNS = (
    "id",
    "organisation_id",
    "member_id",
    "client_id",
    "project_id",
    "task_id",
    "date",
    "start",
    "end",
    "seconds",
    "billable_seconds",
    "is_billable",
    "description",
    "status",
    "status_note",
    "rate_override",
    "rate",
    "cost_rate",
    "currency",
    "amount",
    "rate_source",
    "rate_locked_at",
    "needs_acceptance",
    "invoice_line_id",
    "created_at",
    "updated_at",
)


def _values(pk, e: NewEntry, organisation_id: int, now: dt.datetime) -> tuple:
    billed = e.billed
    return (
        pk,
        organisation_id,
        e.member.pk,
        e.project.client_id,
        e.project.pk,
        e.task.pk if e.task is not None else None,
        e.date,
        e.start,
        e.end,
        e.seconds,
        e.billable_seconds,
        e.billable,
        e.description,
        EntryStatus.INVOICED.value if billed else EntryStatus.DRAFT.value,
        "",
        e.rate_override,
        billed.rate if billed else None,
        None,
        e.project.client.currency if billed else "",
        billed.amount if billed else None,
        billed.source if billed else "",
        now if billed else None,
        False,
        None,
        now,
        now,
    )


def insert(entries: list[NewEntry], organisation_id: int) -> Sequence[int]:
    """Write checked entries; returns their ids in order. On PostgreSQL the ids are taken from
    the table's sequence first and the rows go in with one ``COPY``; elsewhere ``bulk_create``
    (which returns the ids)."""
    if not entries:
        return []
    now = timezone.now()
    if connection.vendor != "postgresql":
        created = TimeEntry.objects.bulk_create(
            [
                TimeEntry(
                    **dict(
                        zip(COLUMNS[1:], _values(None, e, organisation_id, now)[1:], strict=True)
                    )
                )
                for e in entries
            ],
            batch_size=500,
        )
        return [t.pk for t in created]
    table = TimeEntry._meta.db_table
    ids = core_bulk.reserve_ids(table, len(entries))
    references = {
        "organisation_id": {organisation_id},
        "member_id": {e.member.pk for e in entries},
        "client_id": {e.project.client_id for e in entries},
        "project_id": {e.project.pk for e in entries},
        "task_id": {e.task.pk for e in entries if e.task is not None},
    }
    stamp = now.isoformat()
    prefixes: dict[tuple, str] = {}

    def lines():
        for pk, e in zip(ids, entries, strict=True):
            yield _line(pk, e, organisation_id, now, stamp, prefixes)

    with core_bulk.references_checked(TimeEntry, references):
        core_bulk.copy_lines(table, COLUMNS, lines())
    return ids


def insert_streaming(
    items: Iterable[tuple], *, capacity: int, references: dict[str, set], organisation_id: int
) -> list[tuple[int, tuple]]:
    """``insert`` on PostgreSQL for entries made while the ``COPY`` runs: ``items`` yields
    ``(entry, ...)`` tuples (checked as they are pulled: nothing may query the database
    meanwhile), at most ``capacity`` of them; ``references`` names every id they may point at
    (a superset). Returns ``(id, item)`` for each written; ids not used stay gaps."""
    now = timezone.now()
    stamp = now.isoformat()
    table = TimeEntry._meta.db_table
    ids = iter(core_bulk.reserve_ids(table, capacity))
    written: list[tuple[int, tuple]] = []
    prefixes: dict[tuple, str] = {}

    def lines():
        for item in items:
            e, pk = item[0], next(ids)
            written.append((pk, item))
            yield _line(pk, e, organisation_id, now, stamp, prefixes)

    with core_bulk.references_checked(TimeEntry, references):
        core_bulk.copy_lines(table, COLUMNS, lines())
    return written


def _line(pk: int, e: NewEntry, organisation_id: int, now, stamp: str, prefixes: dict) -> str:
    """One entry's ``COPY`` line. Most rows take the common path: the member, project and task
    columns formatted once per combination (``prefixes``, the caller's cache); a row with a
    billed mark or a rate override has every column formatted."""
    if e.billed is not None or e.rate_override is not None:
        return "\t".join(map(core_bulk.copy_text, _values(pk, e, organisation_id, now))) + "\n"
    key = (id(e.member), id(e.project), id(e.task))
    prefix = prefixes.get(key)
    if prefix is None:
        prefix = prefixes[key] = _prefix(e, organisation_id)
    return _copy_line(pk, prefix, e, stamp)


def _prefix(e: NewEntry, organisation_id: int) -> str:
    """The columns after the id that rows of one member, project and task share."""
    task = e.task.pk if e.task is not None else "\\N"
    return f"{organisation_id}\t{e.member.pk}\t{e.project.client_id}\t{e.project.pk}\t{task}\t"


def _copy_line(pk: int, prefix: str, e: NewEntry, stamp: str) -> str:
    """``_values`` as one COPY text line, formatted by hand (the generic per-value formatter
    was a third of an import's Python time); billed-elsewhere rows and rows with a rate
    override (rare) take the generic way in ``insert``."""
    start = e.start.isoformat() if e.start is not None else "\\N"
    end = e.end.isoformat() if e.end is not None else "\\N"
    text = core_bulk.copy_text(e.description)
    return (
        f"{pk}\t{prefix}{e.date.isoformat()}\t{start}\t{end}\t{e.seconds}\t"
        f"{e.billable_seconds}\t{'t' if e.billable else 'f'}\t{text}\t{DRAFT}\t\t\\N\t\\N\t"
        f"\\N\t\t\\N\t\t\\N\tf\t\\N\t{stamp}\t{stamp}\n"
    )


DRAFT = EntryStatus.DRAFT.value
