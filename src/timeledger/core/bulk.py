"""Writing many rows at once: PostgreSQL ``COPY`` in text format, batched ``INSERT`` elsewhere.

No rules here: callers check their rows first (e.g. ``timesheets.bulk``). ``COPY`` skips Django's
per-object work (model instances, signals, ``save()``), which is what makes a 100,000-row import
take seconds; it does not skip the database's own constraints and foreign keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import connection

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
CHUNK = 5000


def copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    kind = type(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is int or kind is Decimal:
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def reserve_ids(table: str, count: int) -> list[int]:
    """``count`` fresh ids from ``table``'s id sequence (PostgreSQL), for rows written by COPY
    that other rows must point at."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _sqlite_value(value):
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


def write_rows(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``; returns how many."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    quoted = connection.ops.quote_name(table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quoted} ({names}) FROM STDIN") as copy:
                lines: list[str] = []
                for row in rows:
                    lines.append("\t".join(map(copy_text, row)) + "\n")
                    if len(lines) >= CHUNK:
                        copy.write("".join(lines))
                        count += len(lines)
                        lines.clear()
                if lines:
                    copy.write("".join(lines))
                    count += len(lines)
            return count
        marks = ", ".join(["%s"] * len(columns))
        batch: list[tuple] = []
        for row in rows:
            batch.append(tuple(_sqlite_value(v) for v in row))
            if len(batch) >= CHUNK:
                cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", batch)
                count += len(batch)
                batch.clear()
        if batch:
            cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", batch)
            count += len(batch)
    return count


def copy_lines(table: str, columns: Sequence[str], lines: Iterable[str]) -> int:
    """``COPY`` of lines already in COPY text format (PostgreSQL only)."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        quoted = connection.ops.quote_name(table)
        with cursor.cursor.copy(f"COPY {quoted} ({names}) FROM STDIN") as copy:
            chunk: list[str] = []
            for line in lines:
                chunk.append(line)
                if len(chunk) >= CHUNK:
                    copy.write("".join(chunk))
                    count += len(chunk)
                    chunk.clear()
            if chunk:
                copy.write("".join(chunk))
                count += len(chunk)
    return count
