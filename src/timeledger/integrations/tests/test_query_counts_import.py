"""An import's queries do not grow with its rows: the commit and a re-import of a file of 4 rows
make as many queries as of 120 (names are resolved once, the known source keys read in one
query, ids reserved once, entries and source keys written with one COPY each)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from timeledger.core import bulk as core_bulk
from timeledger.integrations.imports import service
from timeledger.integrations.imports.toggl import EXPORT_HEADER
from timeledger.integrations.models import ImportedEntry
from timeledger.integrations.tests.conftest import NOW
from timeledger.timesheets.models import TimeEntry


def toggl_file(rows: int, first_day: dt.date) -> io.BytesIO:
    """``rows`` entries of Anna and Ben on Website (two tasks, one of them new), two a day each
    at 09:00 and 14:00 Berlin time, 90 minutes, on consecutive days from ``first_day``."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(EXPORT_HEADER)
    for i in range(rows):
        email = ("anna@example.com", "ben@example.com")[i % 2]
        day = first_day + dt.timedelta(days=i // 4)
        hour = 9 if (i // 2) % 2 == 0 else 14
        w.writerow(
            [
                email.split("@")[0].title(),
                email,
                "Acme Retail",
                "Website",
                ("Design", "Build")[i % 2],
                f"Row {i}",
                "Yes",
                day.isoformat(),
                f"{hour:02d}:00:00",
                day.isoformat(),
                f"{hour + 1:02d}:30:00",
                "01:30:00",
                "",
                "150.00",
            ]
        )
    return io.BytesIO(("\ufeff" + out.getvalue()).encode())


def commit_counting(boss, upload: io.BytesIO):
    options = service.ImportOptions(tz="Europe/Berlin")
    batch = service.create_batch(upload, by=boss, options=options, filename="t.csv", check=False)
    with CaptureQueriesContext(connection) as queries:
        batch = service.commit(batch, by=boss, now=NOW)
    return batch, len(queries)


def test_query_count_does_not_grow_with_rows(boss, people, berlin):
    small, small_queries = commit_counting(boss, toggl_file(4, dt.date(2026, 3, 2)))
    assert small.rows_created == 4
    # A second file (other days), so that the task "Build" created by the first exists now and
    # both commits create the same things: nothing but entries.
    toggl = toggl_file(4, dt.date(2026, 4, 1))
    warm, warm_queries = commit_counting(boss, toggl)
    big, big_queries = commit_counting(boss, toggl_file(120, dt.date(2026, 5, 1)))
    assert (warm.rows_created, big.rows_created) == (4, 120)
    if connection.vendor == "postgresql":
        assert big_queries == warm_queries
    else:  # SQLite's bulk INSERT is split by its limit on a statement's variables (38 entries)
        assert big_queries - warm_queries <= -(-120 // 38)
    assert TimeEntry.objects.filter(organisation=berlin).count() == 128

    toggl.seek(0)
    again_small, small_again_queries = commit_counting(boss, toggl)
    again_big, big_again_queries = commit_counting(boss, toggl_file(120, dt.date(2026, 5, 1)))
    assert (again_small.rows_created, again_small.rows_duplicate) == (0, 4)
    assert (again_big.rows_created, again_big.rows_duplicate) == (0, 120)
    assert big_again_queries == small_again_queries
    assert ImportedEntry.objects.filter(organisation=berlin).count() == 128


@pytest.mark.postgres
def test_references_checked_refuses_a_missing_row_and_restores_the_triggers(boss, people, website):
    """Where the connection may skip the per-row foreign-key triggers, the block checks the
    references itself: a missing referenced row is refused before anything is written, and
    after the block the triggers are on again."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with pytest.raises(IntegrityError), transaction.atomic():
        with core_bulk.references_checked(TimeEntry, {"project_id": {website.pk, 10**9}}):
            raise AssertionError("not reached")
    with transaction.atomic():
        with core_bulk.references_checked(TimeEntry, {"project_id": {website.pk}}):
            pass
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"
    with pytest.raises(ValueError):
        with core_bulk.references_checked(TimeEntry, {"description": {1}}):
            pass
