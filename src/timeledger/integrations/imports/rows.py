"""What every parser produces: plain rows and row problems, nothing of the database."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (not an export we read, wrong columns, binary junk,
    too large). The message is one line for a person."""


@dataclass(slots=True)
class SourceRow:
    """One time entry as the export states it, already in exact instants or a dated duration.

    ``start``/``end`` are UTC instants (timed rows); ``day`` with ``seconds`` is a duration row.
    ``source_id`` is the vendor's own id of the row when the export has one.
    """

    line: int
    person_email: str = ""
    person_name: str = ""
    client: str = ""
    project: str = ""
    project_code: str = ""
    task: str = ""
    description: str = ""
    is_billable: bool | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    day: dt.date | None = None
    seconds: int = 0
    rate: Decimal | None = None
    amount: Decimal | None = None
    currency: str = ""
    is_invoiced: bool = False
    source_id: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def person(self) -> str:
        """Who, as the file names them: the e-mail when there is one, else the name."""
        return self.person_email.lower() or " ".join(self.person_name.split())

    @property
    def is_timed(self) -> bool:
        return self.start is not None


@dataclass(slots=True, frozen=True)
class RowError:
    """A row that cannot be imported, with its line number in the file (1 = the header)."""

    line: int
    reason: str


def _digest(*parts) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def source_key(fmt: str, row: SourceRow, ordinal: int = 0) -> str:
    """The stable identity of a row across exports of the same history.

    The vendor's id when the export has one; else, for timed rows, who and the start instant
    (one person cannot start two entries at the same instant); else, for duration rows, who, the
    day, client, project and task, and the row's rank among rows sharing those (Harvest has no
    ids). Descriptions, hours, flags and rates are not part of it, so an edited row in a later
    export is the same row, reported as changed instead of imported twice.
    """
    if row.source_id:
        return f"{fmt}:id:" + _digest(row.source_id)
    if row.start is not None:
        # ``_digest(person, start)`` without its generic joining (most rows come this way).
        text = f"{row.person}\x1f{row.start.isoformat()}"
        return f"{fmt}:t:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
    return f"{fmt}:d:" + _digest(
        row.person, row.day, row.client.lower(), row.project.lower(), row.task.lower(), ordinal
    )


def fingerprint_names(row: SourceRow) -> str:
    """The part of a row's fingerprint that its names make (the same for every row of one
    person, client, project, project code and task: callers may keep it per combination)."""
    return f"{row.person}\x1f{row.client}\x1f{row.project}\x1f{row.project_code}\x1f{row.task}"


def fingerprint(row: SourceRow, names: str | None = None) -> str:
    """Everything of a row that an import writes; a different fingerprint under the same source
    key is a row changed in the source since it was imported. (The start is part of the key of a
    timed row without a vendor id; with the seconds it fixes the end.) ``names`` is
    ``fingerprint_names(row)`` when the caller has it already.

    Source keys and fingerprints are stored: a change of either text changes what a re-import
    of an earlier file finds (``test_source_keys_and_fingerprints_are_stable``)."""
    moment = row.start.isoformat() if row.start is not None and row.source_id else ""
    text = (
        f"{fingerprint_names(row) if names is None else names}"
        f"\x1f{row.description}\x1f{row.is_billable}\x1f{moment}\x1f{row.day}\x1f{row.seconds}"
        f"\x1f{row.rate}\x1f{row.amount}\x1f{row.currency}\x1f{row.is_invoiced}"
    )
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
