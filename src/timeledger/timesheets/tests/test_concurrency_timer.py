"""Concurrent starts and overlapping entries of one member, in parallel, on PostgreSQL.

The row lock on the member serialises the checks; the partial unique index is the last word.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import TimeEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency on PostgreSQL"),
]

THREADS = 6
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Race Co", slug="race-timer")
    return f.member(org, Role.MEMBER), f.project(org, code="RACE")


def _in_parallel(work):
    barrier = threading.Barrier(THREADS)
    results = [None] * THREADS

    def run(i):
        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_only_one_of_many_simultaneous_starts_wins(setup):
    member, project = setup
    results = _in_parallel(lambda i: services.start_timer(project, by=member, now=NOW))
    started = [r for r in results if isinstance(r, TimeEntry)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(started) == 1, results
    assert len(refused) == THREADS - 1, results
    assert all("already running" in str(r) for r in refused)
    assert TimeEntry.objects.filter(member=member, end__isnull=True).count() == 1


def test_only_one_of_many_overlapping_entries_is_saved(setup):
    member, project = setup

    def log(i):
        start = NOW - dt.timedelta(hours=3) + dt.timedelta(minutes=i)
        return services.create_entry(
            services.EntryInput(project=project, start=start, end=start + dt.timedelta(hours=1)),
            by=member,
            now=NOW,
        )

    results = _in_parallel(log)
    assert sum(isinstance(r, TimeEntry) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == THREADS - 1, results
    assert TimeEntry.objects.filter(member=member).count() == 1
