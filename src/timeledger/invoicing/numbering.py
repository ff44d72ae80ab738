"""Gap-free invoice numbers: one counter row per organisation and series, taken under a row lock.

``take_number`` must run inside the issuing transaction. Its ``UPDATE … RETURNING`` of the
sequence row (one statement: the increment and the row lock) makes concurrent issuers queue; the number becomes visible to the next one only when
the holder commits. If the holder rolls back, its increment rolls back too, so the next issuer gets
the same number: no gaps, no duplicates. (SQLite has no row locks; there the IMMEDIATE transaction
mode of the settings serialises writers for the same effect.) Issuing takes the number last, after
every check and the document render, so the row is locked only for the final writes and commit.

**The record outside the database** (a restored backup must not reuse a number): next to the
stored documents, ``MEDIA_ROOT/numbering/<organisation id>-<slug>/<series>.json`` holds the
highest value issued in each series. It is raised after every committed issue, under a file
lock, never lowered: the first time written aside, fsynced and renamed; after that rewritten in
place as one 512-byte sector (``_write_record``). ``take_number`` refuses a value at
or below it — the database is then older than what was really issued, e.g. restored from a
backup — with the way out: move the counter past it (``move_counter``: ``timeledger numbering
move``, or the numbering page of Settings). ``record_problems`` lists every such series; the
system check ``timeledger.W001`` prints it at start (``manage.py check``, ``runserver``,
``migrate``) and ``timeledger numbering check`` exits non-zero on it.

Counter rows are read-only except here: the model refuses edits and deletes that do not come
from this module, the admin shows them read-only.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from timeledger.accounts.roles import Cap
from timeledger.core import timeutil
from timeledger.core.audit import record
from timeledger.invoicing.models import InvoiceSequence
from timeledger.invoicing.rules import PatternError, check_pattern, format_number

DEFAULT_PATTERNS = {
    "INV": "INV-{YYYY}-{SEQ:05}",
    "CN": "CN-{YYYY}-{SEQ:05}",
}
MOVE_HINT = (
    "move the counter past it: timeledger numbering move --series {series} --next {next} "
    '--reason "restored backup" (owners and admins)'
)


def default_pattern(series: str) -> str:
    return DEFAULT_PATTERNS.get(series, series + "-{YYYY}-{SEQ:05}")


# ---------------------------------------------------------------- the record outside the DB


def record_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "numbering"


def record_path(organisation, series: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in series)
    return record_dir() / f"{organisation.pk}-{organisation.slug}" / f"{safe}.json"


def read_record(organisation, series: str) -> dict | None:
    """``{"series", "highest", "number", "at"}`` of the highest value issued, or None."""
    try:
        return json.loads(record_path(organisation, series).read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ValidationError(
            {
                "non_field_errors": [
                    f"The numbering record {record_path(organisation, series)} cannot be read "
                    f"({exc}); restore it from the document storage's backup before issuing."
                ]
            }
        ) from exc


@contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def raise_record(organisation, series: str, value: int, number: str) -> None:
    """Raise the series' record to ``value`` (never lower it): after a committed issue."""
    path = record_path(organisation, series)
    with _file_lock(path):
        current = read_record(organisation, series)
        if current is not None and int(current.get("highest", 0)) >= value:
            return
        data = {
            "organisation": organisation.slug,
            "series": series,
            "highest": value,
            "number": number,
            "at": timeutil.now().isoformat(),
        }
        _write_record(path, data)


# The record is one sector: rewritten in place (pwrite + fdatasync, no new inode, so no
# metadata to journal: 4 ms on the reference machine where a new file, fsynced and renamed,
# took 8 ms after every issue), and a sector's write is atomic — the assumption PostgreSQL
# makes of its own control file, which it keeps under 512 bytes for the same reason.
RECORD_SIZE = 512


def _write_record(path: Path, data: dict) -> None:
    body = json.dumps(data).encode()
    if len(body) < RECORD_SIZE:
        body = body.ljust(RECORD_SIZE - 1) + b"\n"  # JSON and spaces: still readable as text
        try:
            fd = os.open(path, os.O_WRONLY)
        except FileNotFoundError:
            fd = None
        if fd is not None:
            try:
                if os.fstat(fd).st_size == RECORD_SIZE:
                    os.pwrite(fd, body, 0)
                    os.fdatasync(fd)
                    return
            finally:
                os.close(fd)
    # The first record of a series (or one an earlier release wrote): a new file, whole or not
    # at all (written aside, fsynced, renamed over).
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _refuse_reuse(organisation, series: str, value: int, recorded: dict) -> None:
    highest = int(recorded["highest"])
    raise ValidationError(
        {
            "non_field_errors": [
                f"Number {value} of series {series} was already issued: the record next to the "
                f"stored documents says {recorded.get('number') or highest} (value {highest}) "
                f"was issued on {str(recorded.get('at', ''))[:10]}, but this database's counter "
                f"is at {value} — it looks restored from an older backup. Nothing was issued; "
                + MOVE_HINT.format(series=series, next=highest + 1)
                + "."
            ]
        }
    )


def record_problems(organisation=None) -> list[str]:
    """Series whose database counter is at or below the number recorded as issued."""
    problems = []
    sequences = InvoiceSequence.objects.select_related("organisation")
    if organisation is not None:
        sequences = sequences.filter(organisation=organisation)
    for seq in sequences:
        recorded = read_record(seq.organisation, seq.series)
        if recorded is not None and seq.next_value <= int(recorded["highest"]):
            problems.append(
                f"{seq.organisation.slug} series {seq.series}: the counter is at "
                f"{seq.next_value} but {recorded.get('number')} (value {recorded['highest']}) "
                "was already issued; "
                + MOVE_HINT.format(series=seq.series, next=int(recorded["highest"]) + 1)
            )
    return problems


# ---------------------------------------------------------------- taking and moving


def _save_counter(seq: InvoiceSequence, fields: list[str]) -> None:
    seq._written_by_numbering = True
    try:
        seq.save(update_fields=fields)
    finally:
        seq._written_by_numbering = False


def stand_in_number(organisation, series: str, issue_date: dt.date) -> str:
    """The number the next issue would get if nobody else issued first (read without a lock):
    what the document check before the number renders, so it has the real number's shape."""
    seq = InvoiceSequence.objects.filter(organisation=organisation, series=series).first()
    pattern = seq.pattern if seq else default_pattern(series)
    return format_number(pattern, issue_date, seq.next_value if seq else 1)


_TAKE = (
    'UPDATE "billing_invoicesequence" SET "next_value" = "next_value" + 1, "updated_at" = %s'
    ' WHERE "organisation_id" = %s AND "series" = %s RETURNING "next_value" - 1, "pattern"'
)


def _increment(organisation, series: str) -> tuple[int, str] | None:
    """The counter moved on by one in one statement, which takes the row lock (held until
    commit): ``(value taken, pattern)``, or None when the series has no counter yet."""
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(_TAKE, [timeutil.now(), organisation.pk, series])
        return cursor.fetchone()


def take_number(organisation, series: str, issue_date: dt.date) -> str:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the issuing transaction")
    # The record only ever rises, and only after a commit: read before the counter's lock, it is
    # at most as high as under it, and a restored database's counter is below it either way.
    recorded = read_record(organisation, series)
    taken = _increment(organisation, series)
    if taken is None:  # the series' first number
        InvoiceSequence.objects.get_or_create(
            organisation=organisation, series=series, defaults={"pattern": default_pattern(series)}
        )
        taken = _increment(organisation, series)
    value, pattern = taken
    if recorded is not None and value <= int(recorded["highest"]):
        _refuse_reuse(organisation, series, value, recorded)  # the increment rolls back
    number = format_number(pattern, issue_date, value)
    # Raised once the issue is committed: a rollback gives the number back, so the record must
    # not claim it before. (A crash between the commit and this write loses one step of the
    # record; the next issue in the series writes it past that.)
    transaction.on_commit(lambda: raise_record(organisation, series, value, number))
    return number


def move_counter(organisation, series: str, next_value: int, *, by, reason: str) -> InvoiceSequence:
    """Move a series' counter forward (never back: a number once issued is never issued again),
    e.g. past the numbers a restored backup no longer knows. Audited with the reason."""
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("Only an owner or admin can move the invoice counter.")
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Say why the counter moves (e.g. restored backup)."]})
    if not isinstance(next_value, int) or next_value < 1 or next_value > 2_000_000_000:
        raise ValidationError({"next": ["Give the next number as a whole number from 1."]})
    with transaction.atomic():
        seq, _ = InvoiceSequence.objects.select_for_update().get_or_create(
            organisation=organisation, series=series, defaults={"pattern": default_pattern(series)}
        )
        if next_value <= seq.next_value:
            raise ValidationError(
                {
                    "next": [
                        f"The counter of series {series} is at {seq.next_value}; it only moves "
                        f"forward (give more than {seq.next_value - 1})."
                    ]
                }
            )
        before = {"next_value": seq.next_value}
        seq.next_value = next_value
        _save_counter(seq, ["next_value", "updated_at"])
        record(
            organisation=organisation,
            actor=by.user,
            action="numbering",
            obj=seq,
            before=before,
            after={"next_value": next_value},
            reason=reason.strip(),
        )
    return seq


def current_pattern(organisation, series: str = "INV") -> str:
    seq = InvoiceSequence.objects.filter(organisation=organisation, series=series).first()
    return seq.pattern if seq else default_pattern(series)


def set_pattern(organisation, pattern: str, *, by, series: str = "INV") -> InvoiceSequence:
    """Change how the series' numbers look from the next issue on. The counter is untouched, so
    numbers stay gap-free and unique (the pattern must carry ``{SEQ}``)."""
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("Only an owner or admin can change invoice numbering.")
    pattern = (pattern or "").strip()
    try:
        check_pattern(pattern)
    except PatternError as exc:
        raise ValidationError({"invoice_number_pattern": [str(exc)]}) from None
    if len(pattern) > InvoiceSequence._meta.get_field("pattern").max_length:
        raise ValidationError({"invoice_number_pattern": ["At most 60 characters."]})
    with transaction.atomic():
        seq, _ = InvoiceSequence.objects.select_for_update().get_or_create(
            organisation=organisation, series=series, defaults={"pattern": default_pattern(series)}
        )
        if seq.pattern != pattern:
            before = {"pattern": seq.pattern}
            seq.pattern = pattern
            _save_counter(seq, ["pattern", "updated_at"])
            record(
                organisation=organisation,
                actor=by.user,
                action="numbering",
                obj=seq,
                before=before,
                after={"pattern": pattern},
            )
    return seq
