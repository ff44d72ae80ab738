"""Writing many rows at once: PostgreSQL ``COPY`` in text format, batched ``INSERT`` elsewhere.

No rules here: callers check their rows first (e.g. ``timesheets.bulk``). ``COPY`` skips Django's
per-object work (model instances, signals, ``save()``), which is what makes a 100,000-row import
take seconds; it does not skip the database's own constraints and foreign keys — except that
``references_checked`` replaces PostgreSQL's per-row foreign-key trigger calls by one set-based
check of the same references, where the connection may do so (see there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

from django.db import IntegrityError, connection

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


def reserve_ids(table: str, count: int) -> Sequence[int]:
    """``count`` fresh ids from ``table``'s id sequence (PostgreSQL), in order, for rows written
    by COPY that other rows must point at. One query; when nobody took ids of the sequence
    meanwhile (the usual case) they are one run, returned as a ``range`` instead of ``count``
    rows to fetch — otherwise the ids themselves, as one array."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH taken AS (SELECT nextval(pg_get_serial_sequence(%s, 'id')) AS id"
            " FROM generate_series(1, %s))"
            " SELECT MIN(id), MAX(id),"
            " CASE WHEN MAX(id) - MIN(id) + 1 = COUNT(*) THEN NULL"
            " ELSE array_agg(id ORDER BY id) END FROM taken",
            [table, count],
        )
        low, high, ids = cursor.fetchone()
    if ids is None:
        return range(low, high + 1)
    return ids


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


def _may_skip_fk_triggers() -> bool:
    """Whether this connection may turn PostgreSQL's per-row triggers off for a statement
    (``session_replication_role`` needs a superuser); read from the connection, no query."""
    if connection.vendor != "postgresql":
        return False
    connection.ensure_connection()
    return connection.connection.info.parameter_status("is_superuser") == "on"


@contextmanager
def references_checked(model, references: dict[str, set[int]]) -> Iterator[None]:
    """Rows of ``model`` written inside this block point at ``references`` (``{fk column: ids}``,
    every foreign key the rows fill, nulls left out).

    PostgreSQL checks a foreign key with one trigger call per row and key (five per time entry,
    each a lookup and a ``KEY SHARE`` lock of the referenced row, at ``COMMIT`` for deferred
    keys): for 100,000 rows that cost more than the ``COPY``. Where the connection may skip
    triggers (a superuser), this does the same check once per referenced row instead: every
    referenced row is locked ``FOR KEY SHARE`` (as the trigger would: it cannot be deleted or
    its key changed until the transaction ends) and counted — a missing one raises
    ``IntegrityError`` before anything is written — then the block runs with
    ``session_replication_role = replica`` and the role is reset after it (call it inside a
    transaction: ``SET LOCAL`` lasts until its end, or its rollback). The caller names
    exactly the ids its rows use. Without that right (or on SQLite) the block runs as it is and
    the database's own triggers check every row.
    """
    fks = {f.column: f for f in model._meta.concrete_fields if f.is_relation}
    unknown = set(references) - set(fks)
    if unknown:
        raise ValueError(f"not foreign keys of {model.__name__}: {sorted(unknown)}")
    if not _may_skip_fk_triggers():
        yield
        return
    checks = [(column, sorted(ids)) for column, ids in references.items() if ids]
    with connection.cursor() as cursor:
        if checks:
            parts = []
            params: list = []
            for column, ids in checks:
                target = fks[column].target_field
                table = connection.ops.quote_name(target.model._meta.db_table)
                key = connection.ops.quote_name(target.column)
                parts.append(
                    f"SELECT %s, COUNT(*) FROM (SELECT 1 FROM {table} WHERE {key} = ANY(%s)"
                    " FOR KEY SHARE) AS r"
                )
                params += [column, ids]
            cursor.execute(" UNION ALL ".join(parts), params)
            found = dict(cursor.fetchall())
            missing = [c for c, ids in checks if found.get(c, 0) != len(ids)]
            if missing:
                raise IntegrityError(
                    f"{model.__name__}: rows point at missing {', '.join(missing)} rows"
                )
        cursor.execute("SET LOCAL session_replication_role = replica")
        # On an error the transaction (or its savepoint) rolls back, and the setting with it.
        yield
        cursor.execute("SET LOCAL session_replication_role = origin")
