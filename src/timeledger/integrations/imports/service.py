"""Preview, commit and undo of an import. The one place imports write.

A preview reads the file twice, streaming: once for the names it holds (mapped to this
organisation's clients, projects, tasks and people), once for every row, each checked exactly as
a commit would check it (``timesheets.bulk``) — so the preview's bad rows, duplicates and totals
are what the commit will do. Nothing but the batch row (and the stored upload) is written by a
preview. A commit repeats both passes with the final mapping in one transaction: it creates what
the mapping says to create, writes the entries set-based with a stable source key per row
(``ImportedEntry``, unique: a re-import creates nothing), and records one audit row. Undo removes
the batch's entries and what it created, while nothing of it is approved or billed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from timeledger.accounts.models import Member, User
from timeledger.accounts.roles import Cap
from timeledger.clients.models import Client
from timeledger.core import bulk as core_bulk
from timeledger.core import errors, timeutil
from timeledger.core.audit import record
from timeledger.core.memory import without_cycle_collection
from timeledger.core.money import quantize
from timeledger.integrations.imports import timing
from timeledger.integrations.imports.base import ParseOptions, Parser
from timeledger.integrations.imports.formats import parser_for
from timeledger.integrations.imports.mapper import Mapper
from timeledger.integrations.imports.rows import (
    RowError,
    SourceRow,
    fingerprint,
    fingerprint_names,
    source_key,
)
from timeledger.integrations.models import (
    STATUS_IN_SENTENCE,
    AliasKind,
    ImportBatch,
    ImportedEntry,
    ImportStatus,
)
from timeledger.projects.models import Project, Task
from timeledger.timesheets import bulk
from timeledger.timesheets.models import EntryStatus, TimeEntry

# Rows checked and written together: one lookup of the known source keys, one reservation of
# ids and one COPY per table for each chunk, so an import of up to CHUNK rows makes the same
# number of queries whatever its size (``test_query_count_does_not_grow_with_rows``).
CHUNK = 100_000
# SQLite's limit on a statement's variables: its lookups of known keys go in slices.
SQLITE_SLICE = 5000
PROGRESS_STEP = 5000  # rows between two calls of ``progress``
KIND_ORDER = [AliasKind.PERSON, AliasKind.CLIENT, AliasKind.PROJECT, AliasKind.TASK]
# Rows kept in memory between the two passes (about 1 KB each); a larger file is read twice.
KEEP_ROWS = 250_000
MAX_LISTED = 500  # bad or changed rows listed one by one; the rest are counted
Progress = Callable[[int], None] | None


@dataclass
class ImportOptions:
    """What the person chose for an import (kept on the batch)."""

    fmt: str | None = None
    tz: str | None = None
    decimal: str | None = None
    date_order: str | None = None
    rates_as_overrides: bool = False
    invoiced_as_billed: bool = True
    member_id: int | None = None  # whose time rows naming nobody are (Watson): default the importer
    client_id: int | None = None  # the client of new projects the file gives none

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ImportOptions:
        return cls(**{k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__})


@dataclass
class _Total:
    client: str
    project: str
    rows: int = 0
    seconds: int = 0
    billable_seconds: int = 0
    billed_elsewhere: int = 0
    amounts: dict = field(default_factory=lambda: defaultdict(Decimal))


@dataclass
class Outcome:
    total: int = 0
    new: int = 0
    duplicate: int = 0
    changed: int = 0
    invalid: int = 0
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    rates_skipped: int = 0
    invoiced_reopened: int = 0

    def error(self, line: int, reason: str) -> None:
        self.invalid += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append({"line": line, "reason": reason})


def error_text(exc: ValidationError) -> str:
    """One line out of a service's ``ValidationError``."""
    if hasattr(exc, "message_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(exc.messages)


def _require_importer(by: Member, options: ImportOptions) -> None:
    if not (by.can(Cap.LOG_TIME) or by.can(Cap.EDIT_ALL_TIME)):
        raise PermissionDenied(_("Your role cannot import time."))
    if options.rates_as_overrides and not by.can(Cap.MANAGE_RATES):
        raise PermissionDenied(_("Only managers may turn the file's rates into entry rates."))


def _defaults(by: Member, options: ImportOptions) -> tuple[Member | None, Client | None]:
    member = client = None
    if options.member_id:
        member = (
            Member.objects.select_related("user")
            .filter(organisation=by.organisation, pk=options.member_id)
            .first()
        )
        if member is None:
            errors.fail(_("No such member in your organisation."), "member")
        member.organisation = by.organisation
    if options.client_id:
        client = Client.objects.filter(organisation=by.organisation, pk=options.client_id).first()
        if client is None:
            errors.fail(_("No such client in your organisation."), "client")
    return member, client


def _parser(stream: BinaryIO, options: ImportOptions, by: Member) -> Parser:
    tz = options.tz or by.timezone
    return parser_for(
        stream,
        options.fmt,
        ParseOptions(tz=tz, decimal=options.decimal, date_order=options.date_order),
    )


class _Run:
    """One preview or commit over one file."""

    def __init__(self, stream, *, by: Member, options: ImportOptions, now=None, progress=None):
        self.stream = stream
        self.by = by
        self.organisation = by.organisation
        self.options = options
        self.now = now or timeutil.now()
        self.progress = progress
        self.parser = _parser(stream, options, by)
        default_member, default_client = _defaults(by, options)
        self.mapper = Mapper(
            self.organisation,
            by=by,
            tz=self.parser.options.tz,
            default_member=default_member,
            default_client=default_client,
        )
        self.outcome = Outcome()
        self._totals_of: dict[int, _Total] = {}  # id(project) → its totals

    def scan(self) -> None:
        """Pass 1: the names in the file. Rows are kept for pass 2 up to ``KEEP_ROWS`` (then
        pass 2 reads the file again): parsing is most of an import's time."""
        self.stream.seek(0)
        kept: list | None = []
        for item in self.parser.parse(self.stream):
            if isinstance(item, SourceRow):
                self.mapper.observe(item)
            if kept is not None:
                kept.append(item)
                if len(kept) > KEEP_ROWS:
                    kept = None
        self.kept = kept

    def items(self):
        if self.kept is not None:
            return self.kept
        self.stream.seek(0)
        return self.parser.parse(self.stream)

    def members_in_file(self) -> list[int]:
        return [
            e.target.pk
            for e in self.mapper.entities.values()
            if e.kind == AliasKind.PERSON and e.target is not None and e.target.pk
        ]

    def rows(self, *, write: bool, batch: ImportBatch | None = None) -> Outcome:
        checker = bulk.BulkChecker(self.organisation, by=self.by, now=self.now)
        checker.load(self.members_in_file(), self.mapper.first, self.mapper.last, lock=write)
        self.checker = checker
        self.batch = batch
        self.write = write
        seen: dict[str, int] = {}
        ordinals: dict[tuple, int] = defaultdict(int)
        pending: list[tuple] = []
        out = self.outcome
        fmt = self.parser.name
        progress, step = self.progress, 0
        # Per combination of names (a file repeats few): the targets, the person as keys name
        # them, and the names' part of the fingerprint.
        combinations: dict[tuple, tuple] = {}
        for item in self.items():
            out.total += 1
            if progress is not None:
                step += 1
                if step == PROGRESS_STEP:
                    progress(step)
                    step = 0
            if isinstance(item, RowError):
                out.error(item.line, item.reason)
                continue
            names = (item.client, item.project, item.task, item.person_email, item.person_name)
            names += (item.project_code,)
            combination = combinations.get(names)
            if combination is None:
                combination = combinations[names] = (
                    self.mapper.targets(item),
                    fingerprint_names(item),
                )
            targets, fp_names = combination
            if isinstance(targets, str):
                out.error(item.line, targets)
                continue
            ordinal = 0
            if item.start is None and not item.source_id:
                group = (item.person, item.day, norm_text(item.client), norm_text(item.project))
                group += (norm_text(item.task),)
                ordinal = ordinals[group]
                ordinals[group] += 1
            key = source_key(fmt, item, ordinal)
            if key in seen:
                out.error(
                    item.line,
                    _("The same entry as line %(line)s (same person and start).")
                    % {"line": seen[key]},
                )
                continue
            seen[key] = item.line
            pending.append((item, targets, key, fp_names))
            if len(pending) >= CHUNK:
                self._flush(pending)
                pending = []
        self._flush(pending)
        if progress is not None and step:
            progress(step)
        return out

    def _flush(self, pending: list[tuple]) -> None:
        if not pending:
            return
        known = known_keys(self.organisation.pk, [p[2] for p in pending])
        if self.write and connection.vendor == "postgresql":
            self._stream(pending, known)
            return
        to_write = list(self._checked(pending, known))
        if self.write and to_write:
            ids = bulk.insert([t[0] for t in to_write], self.organisation.pk)
            self._write_keys(zip(ids, to_write, strict=True))

    def _checked(self, pending: list[tuple], known: dict):
        """The rows to write, checked, as ``(entry, key, fingerprint, line)``; duplicates,
        changed and refused rows are counted instead."""
        out = self.outcome
        for row, (member, project, task), key, fp_names in pending:
            fp = fingerprint(row, fp_names)
            if key in known:
                old_fp, old_line, old_batch = known[key]
                if old_fp == fp:
                    out.duplicate += 1
                else:
                    out.changed += 1
                    if len(out.changes) < MAX_LISTED:
                        out.changes.append(
                            {
                                "line": row.line,
                                "reason": _(
                                    "Changed in the source since import #%(batch)s (its line"
                                    " %(line)s); the imported entry is kept as it was."
                                )
                                % {"batch": old_batch, "line": old_line},
                            }
                        )
                continue
            entry = self._entry(row, member, project, task)
            error = self.checker.check(entry)
            if error:
                out.error(row.line, error)
                continue
            out.new += 1
            self._count(row, entry)
            yield entry, key, fp, row.line

    def _stream(self, pending: list[tuple], known: dict) -> None:
        """A commit on PostgreSQL: rows are checked while the ``COPY`` of the ones before them
        is under way, so the server writes while Python checks. Nothing may query the database
        once the ``COPY`` is open: the overlap read is done first, and the references are those
        of every new row (a superset of the rows that pass)."""
        new = [p for p in pending if p[2] not in known]
        if not new:
            list(self._checked(pending, known))  # all known: counted, nothing written
            return
        targets = {id(p[1]): p[1] for p in new}.values()
        if any(p[0].start is not None for p in new):
            self.checker.read_overlaps()
        references = {
            "organisation_id": {self.organisation.pk},
            "member_id": {m.pk for m, _, _ in targets},
            "client_id": {p.client_id for _, p, _ in targets},
            "project_id": {p.pk for _, p, _ in targets},
            "task_id": {t.pk for _, _, t in targets if t is not None},
        }
        written = bulk.insert_streaming(
            self._checked(pending, known),
            capacity=len(new),
            references=references,
            organisation_id=self.organisation.pk,
        )
        self._write_keys(written)

    def _write_keys(self, rows) -> None:
        """The source keys of written entries, from ``(entry id, (entry, key, fp, line))``."""
        org_id, batch_id = self.organisation.pk, self.batch.pk
        table = ImportedEntry._meta.db_table
        columns = (
            "organisation_id",
            "batch_id",
            "entry_id",
            "source_key",
            "fingerprint",
            "line",
            "billed_elsewhere",
        )
        if connection.vendor == "postgresql":
            # Keys and fingerprints are a format name and hex digits: nothing to escape.
            core_bulk.copy_lines(
                table,
                columns,
                (
                    f"{org_id}\t{batch_id}\t{pk}\t{key}\t{fp}\t{line}\t"
                    f"{'t' if entry.billed is not None else 'f'}\n"
                    for pk, (entry, key, fp, line) in rows
                ),
            )
        else:
            core_bulk.write_rows(
                table,
                columns,
                (
                    (org_id, batch_id, pk, key, fp, line, entry.billed is not None)
                    for pk, (entry, key, fp, line) in rows
                ),
            )

    def _rate(self, row: SourceRow, currency: str) -> Decimal | None:
        """The file's hourly rate in the client's currency (Toggl gives only amounts: the rate
        is the amount over the hours), or None."""
        if row.currency and row.currency != currency:
            return None
        if row.rate is not None:
            rate = row.rate
        elif row.amount is not None and row.seconds:
            rate = row.amount * 3600 / row.seconds
        else:
            return None
        return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def _entry(self, row: SourceRow, member, project, task) -> bulk.NewEntry:
        currency = project.client.currency
        billed = None
        rate_override = None
        if row.is_invoiced:
            if self.options.invoiced_as_billed:
                same = not row.currency or row.currency == currency
                billed = bulk.BilledElsewhere(
                    rate=self._rate(row, currency),
                    amount=quantize(row.amount, currency)
                    if row.amount is not None and same
                    else None,
                    source=f"Invoiced in {self.parser.label} before the import"
                    + (f" #{self.batch.pk}" if self.batch is not None else ""),
                )
            else:
                self.outcome.invoiced_reopened += 1
        if self.options.rates_as_overrides and billed is None and row.is_billable is not False:
            rate_override = self._rate(row, currency)
            if rate_override is None and (row.rate is not None or row.amount is not None):
                self.outcome.rates_skipped += 1
        return bulk.NewEntry(
            member=member,
            project=project,
            task=task,
            description=row.description.strip(),
            is_billable=row.is_billable,
            start=row.start,
            end=row.end,
            day=row.day,
            seconds=row.seconds,
            rate_override=rate_override,
            billed=billed,
            label=f"line {row.line} of this file",
        )

    def _count(self, row: SourceRow, entry: bulk.NewEntry) -> None:
        project = entry.project
        total = self._totals_of.get(id(project))
        if total is None:
            key = (project.client.code, project.code)
            total = self.outcome.totals.get(key)
            if total is None:
                total = self.outcome.totals[key] = _Total(
                    client=f"{project.client.code} — {project.client.name}",
                    project=f"{project.code} — {project.name}",
                )
            self._totals_of[id(project)] = total
        total.rows += 1
        total.seconds += entry.seconds
        if entry.billable:
            total.billable_seconds += entry.billable_seconds
        if entry.billed is not None:
            total.billed_elsewhere += 1
        amount = row.amount
        if amount is None and row.rate is not None:
            amount = row.rate * row.seconds / 3600
        if amount is not None:
            currency = row.currency or project.client.currency
            total.amounts[currency] += amount

    def summary(self) -> dict:
        out = self.outcome
        parser = self.parser
        totals = []
        for (_client, _project), t in sorted(out.totals.items()):
            totals.append(
                {
                    "client": t.client,
                    "project": t.project,
                    "rows": t.rows,
                    "seconds": t.seconds,
                    "hours": timeutil.format_hours(t.seconds),
                    "billable_seconds": t.billable_seconds,
                    "billable_hours": timeutil.format_hours(t.billable_seconds),
                    "billed_elsewhere": t.billed_elsewhere,
                    "amounts": {
                        cur: str(quantize(Decimal(a), cur)) for cur, a in sorted(t.amounts.items())
                    },
                }
            )
        notes = []
        if out.rates_skipped:
            notes.append(
                ngettext(
                    "%(count)s row keeps the rate in force: its rate is in another currency than"
                    " its client's.",
                    "%(count)s rows keep the rate in force: their rate is in another currency than"
                    " their client's.",
                    out.rates_skipped,
                )
                % {"count": out.rates_skipped}
            )
        if out.invoiced_reopened:
            notes.append(
                ngettext(
                    "%(count)s row was invoiced in the source but is imported as unbilled: a"
                    " billing run would bill it again.",
                    "%(count)s rows were invoiced in the source but are imported as unbilled: a"
                    " billing run would bill them again.",
                    out.invoiced_reopened,
                )
                % {"count": out.invoiced_reopened}
            )
        return {
            "format": parser.name,
            "format_label": parser.label,
            "time_zone": parser.options.tz,
            "timing": _(timing.TIMING_LABELS[parser.timing]).format(tz=parser.options.tz),
            "row_word": parser.row_word,
            "rows": {
                "total": out.total,
                "new": out.new,
                "duplicate": out.duplicate,
                "changed": out.changed,
                "invalid": out.invalid,
            },
            "entities": [
                e.as_json()
                for e in sorted(
                    self.mapper.entities.values(), key=lambda e: KIND_ORDER.index(e.kind)
                )
            ],
            "totals": totals,
            "errors": out.errors,
            "changes": out.changes,
            "notes": notes,
            "options": self.options.as_json(),
        }


def known_keys(organisation_id: int, keys: list[str]) -> dict[str, tuple]:
    """``{source_key: (fingerprint, line, batch id)}`` of the keys already imported. On
    PostgreSQL one query with the keys as one array parameter (an ``IN`` of 100,000 Django
    parameters costs more in Python than the lookup itself); elsewhere in slices."""
    if not keys:
        return {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT source_key, fingerprint, line, batch_id FROM {ImportedEntry._meta.db_table}"
                " WHERE organisation_id = %s AND source_key = ANY(%s)",
                [organisation_id, keys],
            )
            return {k: (fp, line, batch_id) for k, fp, line, batch_id in cursor.fetchall()}
    found = {}
    for start in range(0, len(keys), SQLITE_SLICE):
        for k, fp, line, batch_id in ImportedEntry.objects.filter(
            organisation_id=organisation_id, source_key__in=keys[start : start + SQLITE_SLICE]
        ).values_list("source_key", "fingerprint", "line", "batch_id"):
            found[k] = (fp, line, batch_id)
    return found


def norm_text(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- the service verbs ----------------------------------------------------------------------------


def preview(
    stream: BinaryIO,
    *,
    by: Member,
    options: ImportOptions,
    mapping: dict | None = None,
    now: dt.datetime | None = None,
    progress: Progress = None,
) -> dict:
    """What importing ``stream`` would do, written nowhere."""
    _require_importer(by, options)
    with without_cycle_collection():
        run = _Run(stream, by=by, options=options, now=now, progress=progress)
        run.scan()
        run.mapper.resolve(mapping)
        run.rows(write=False)
        return run.summary()


def create_batch(
    upload,
    *,
    by: Member,
    options: ImportOptions,
    filename: str = "",
    mapping: dict | None = None,
    now: dt.datetime | None = None,
    progress: Progress = None,
    check: bool = True,
) -> ImportBatch:
    """Preview an uploaded file and keep it (and the preview) for a later commit. A file that
    cannot be read raises ``ImportFileError`` and nothing is kept.

    ``check=False`` (the command line, which commits straight away and prints what the commit
    did) only reads the header to know the format: the commit checks every row anyway.
    """
    if check:
        summary = preview(
            upload, by=by, options=options, mapping=mapping, now=now, progress=progress
        )
    else:
        _require_importer(by, options)
        parser = _parser(upload, options, by)
        rows = parser.parse(upload)
        try:
            next(rows, None)  # a file we cannot read fails here, before anything is kept
        finally:
            rows.close()
        summary = {"format": parser.name, "time_zone": parser.options.tz, "rows": {"total": 0}}
    upload.seek(0)
    name = os.path.basename(filename or getattr(upload, "name", "") or "upload")[:200]
    batch = ImportBatch(
        organisation=by.organisation,
        created_by=by,
        format=summary["format"],
        filename=name,
        time_zone=summary["time_zone"],
        options={**options.as_json(), "fmt": summary["format"], "tz": summary["time_zone"]},
        mapping=mapping or {},
        preview=summary,
        rows_total=summary["rows"]["total"],
    )
    batch.file.save(name, File(upload, name=name), save=False)
    batch.save()
    return batch


def _open_batch(batch: ImportBatch, by: Member) -> ImportBatch:
    if batch.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Not your organisation's import."))
    return batch


def repreview(
    batch: ImportBatch, *, by: Member, mapping: dict, now: dt.datetime | None = None
) -> ImportBatch:
    """Preview the stored file again with a changed mapping."""
    _open_batch(batch, by)
    if batch.status != ImportStatus.PREVIEWED:
        errors.fail(
            _("This import is %(status)s; it cannot change.")
            % {"status": STATUS_IN_SENTENCE.get(batch.status, batch.status)}
        )
    options = ImportOptions.from_json(batch.options)
    merged = {**batch.mapping, **{k: v for k, v in mapping.items() if v not in (None, "")}}
    with batch.file.open("rb") as fh:
        batch.preview = preview(fh, by=by, options=options, mapping=merged, now=now)
    batch.mapping = merged
    batch.save(update_fields=["preview", "mapping", "updated_at"])
    return batch


def commit(
    batch: ImportBatch,
    *,
    by: Member,
    mapping: dict | None = None,
    now: dt.datetime | None = None,
    progress: Progress = None,
) -> ImportBatch:
    """Write the import: one transaction, one audit row. Committing twice is refused."""
    _open_batch(batch, by)
    options = ImportOptions.from_json(batch.options)
    _require_importer(by, options)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if batch.status not in (ImportStatus.PREVIEWED, ImportStatus.QUEUED):
                errors.fail(
                    _("This import is already %(status)s.")
                    % {"status": STATUS_IN_SENTENCE.get(batch.status, batch.status)}
                )
            if mapping:
                batch.mapping = {**batch.mapping, **mapping}
            with batch.file.open("rb") as fh, without_cycle_collection():
                run = _Run(fh, by=by, options=options, now=now, progress=progress)
                run.scan()
                run.mapper.resolve(batch.mapping)
                batch.created = run.mapper.create_missing()
                run.rows(write=True, batch=batch)
                run.mapper.remember()
                summary = run.summary()
            out = run.outcome
            batch.preview = summary
            batch.status = ImportStatus.COMMITTED
            batch.committed_at = timeutil.now()
            batch.rows_total, batch.rows_created = out.total, out.new
            batch.rows_duplicate, batch.rows_changed = out.duplicate, out.changed
            batch.rows_invalid = out.invalid
            batch.error = ""
            batch.save()
            record(
                organisation=batch.organisation,
                actor=by.user,
                action="import",
                obj=batch,
                after={
                    "format": batch.format,
                    "file": batch.filename,
                    "time_zone": batch.time_zone,
                    "rows": summary["rows"],
                    "created": batch.created,
                },
            )
    except IntegrityError:
        errors.fail(
            _("Another import committed some of these rows meanwhile; preview the file again.")
        )
    return batch


def fail(batch: ImportBatch, message: str) -> None:
    """Mark a background commit failed (nothing of it was written: it rolled back)."""
    ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.PREVIEWED, error=message[:2000]
    )


def queue(batch: ImportBatch, *, by: Member, mapping: dict | None = None) -> ImportBatch:
    """Mark a batch as committing in the background (the task calls ``commit``)."""
    _open_batch(batch, by)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportStatus.PREVIEWED:
            errors.fail(
                _("This import is already %(status)s.")
                % {"status": STATUS_IN_SENTENCE.get(batch.status, batch.status)}
            )
        if mapping:
            batch.mapping = {**batch.mapping, **mapping}
        batch.status, batch.error = ImportStatus.QUEUED, ""
        batch.save(update_fields=["status", "mapping", "error", "updated_at"])
    return batch


def undo(batch: ImportBatch, *, by: Member) -> ImportBatch:
    """Remove everything the import made, as one audited operation — refused while any of its
    entries is approved or billed here, or lies in a locked period."""
    _open_batch(batch, by)
    if not by.can(Cap.EDIT_ALL_TIME) and batch.created_by_id != by.pk:
        raise PermissionDenied(_("Only a manager can undo someone else's import."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportStatus.COMMITTED:
            errors.fail(
                _("Only a committed import can be undone; this one is %(status)s.")
                % {"status": STATUS_IN_SENTENCE.get(batch.status, batch.status)}
            )
        entry_ids = list(
            ImportedEntry.objects.filter(batch=batch, entry__isnull=False).values_list(
                "entry_id", flat=True
            )
        )
        entries = TimeEntry.objects.filter(pk__in=entry_ids)
        moved_on = entries.filter(
            Q(invoice_line__isnull=False)
            | Q(status=EntryStatus.APPROVED)
            | Q(status=EntryStatus.INVOICED, import_source__billed_elsewhere=False)
        ).count()
        if moved_on:
            errors.fail(
                ngettext(
                    "%(count)s entry of this import is approved or billed; it can no longer be"
                    " undone (reopen it first, or correct it).",
                    "%(count)s entries of this import are approved or billed; it can no longer be"
                    " undone (reopen them first, or correct them one by one).",
                    moved_on,
                )
                % {"count": moved_on}
            )
        lock = batch.organisation.lock_date
        if lock is not None and entries.filter(date__lte=lock).exists():
            errors.fail(
                _("Entries of this import lie in the period locked up to %(day)s.")
                % {"day": formats.date_format(lock, "d M Y")}
            )
        count = entries.count()
        ImportedEntry.objects.filter(batch=batch).delete()
        TimeEntry.objects.filter(pk__in=entry_ids).delete()
        kept = _remove_created(batch)
        batch.status = ImportStatus.UNDONE
        batch.undone_at = timeutil.now()
        batch.save(update_fields=["status", "undone_at", "updated_at"])
        record(
            organisation=batch.organisation,
            actor=by.user,
            action="import_undo",
            obj=batch,
            before={"entries": count, "created": batch.created},
            reason=("kept, still in use: " + ", ".join(kept)) if kept else "",
        )
    return batch


def _remove_created(batch: ImportBatch) -> list[str]:
    """Delete what the import created that nothing uses now; name what is kept."""
    created = batch.created or {}
    kept: list[str] = []
    tasks = Task.objects.filter(pk__in=created.get(AliasKind.TASK, []))
    for task in tasks:
        if task.entries.exists():
            kept.append(f"task {task.name}")
        else:
            task.delete()
    for project in Project.objects.filter(pk__in=created.get(AliasKind.PROJECT, [])):
        if project.entries.exists() or project.tasks.exists():
            kept.append(f"project {project.code}")
        else:
            project.delete()
    for client in Client.objects.filter(pk__in=created.get(AliasKind.CLIENT, [])):
        if client.projects.exists():
            kept.append(f"client {client.code}")
        else:
            client.delete()
    for member in Member.objects.filter(pk__in=created.get(AliasKind.PERSON, [])).select_related(
        "user"
    ):
        if member.entries.exists():
            kept.append(f"member {member.user.email}")
        else:
            user = member.user
            member.delete()
            if not user.memberships.exists() and user.email.endswith(".invalid"):
                User.objects.filter(pk=user.pk).delete()
    return kept
