"""Approving a week while its member edits an entry of it, in parallel, on PostgreSQL.

Either order is fine — edit then approve (the edited entry is approved) or approve then edit (the
edit is refused) — but an approved entry must never differ from what was approved. The content at
approval is the ``after`` snapshot of the entry's approval audit row.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from timeledger.accounts.roles import Role
from timeledger.approvals import services as approval
from timeledger.approvals.services import Scope
from timeledger.core.models import AuditLog
from timeledger.testing import factories as f
from timeledger.testing.locks import wait_for_lock_waiter
from timeledger.timesheets import services
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

MONDAY = dt.date(2026, 11, 9)
CONTENT = ("description", "seconds", "date", "project_id", "task_id", "is_billable")


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Race Co", slug="race")
    alice = f.member(org, Role.MEMBER)
    manager = f.member(org, Role.MANAGER)
    project = f.project(org, code="RACE")
    entries = [
        f.entry(alice, project, day=MONDAY + dt.timedelta(days=i), hours="2.00", description="v1")
        for i in range(3)
    ]
    return alice, manager, entries


def _edit(alice, entry, text):
    fresh = TimeEntry.objects.select_related("project", "task").get(pk=entry.pk)
    return services.update_entry(
        fresh,
        services.EntryInput(
            project=fresh.project,
            task=fresh.task,
            description=text,
            is_billable=fresh.is_billable,
            date=fresh.date,
            seconds=fresh.seconds + 600,
        ),
        by=alice,
    )


def _approve(manager, alice):
    return approval.approve(Scope(member=alice, week=MONDAY), by=manager, include_drafts=True)


def _run(target, results, key, *args):
    try:
        results[key] = target(*args)
    except ValidationError as exc:
        results[key] = exc
    except Exception as exc:  # noqa: BLE001 - reported by the test, never swallowed
        results[key] = exc
    finally:
        connections.close_all()


def assert_consistent(entries):
    for entry in TimeEntry.objects.filter(pk__in=[e.pk for e in entries]):
        assert entry.status == EntryStatus.APPROVED
        approved = AuditLog.objects.get(action="approve", object_id=str(entry.pk)).after
        for field in CONTENT:
            value = getattr(entry, field)
            expected = approved[field]
            assert str(value) == str(expected), (field, value, expected)


def test_edit_holding_the_row_first_is_approved_as_edited(setup):
    alice, manager, entries = setup
    results = {}
    edited = threading.Event()
    release = threading.Event()

    def edit_and_hold():
        with transaction.atomic():
            _edit(alice, entries[0], "v2 edited first")
            edited.set()
            release.wait(10)

    t1 = threading.Thread(target=_run, args=(edit_and_hold, results, "edit"))
    t1.start()
    assert edited.wait(10)
    t2 = threading.Thread(target=_run, args=(_approve, results, "approve", manager, alice))
    t2.start()
    assert wait_for_lock_waiter(), (
        "the second transaction never waited for the first one's row lock"
    )
    release.set()
    t1.join(20)
    t2.join(20)

    assert results["edit"] is None
    assert results["approve"].count == 3
    entry = TimeEntry.objects.get(pk=entries[0].pk)
    assert (entry.description, entry.seconds) == ("v2 edited first", 7800)
    assert_consistent(entries)


def test_approval_holding_the_rows_first_refuses_the_edit(setup):
    alice, manager, entries = setup
    results = {}
    approved = threading.Event()
    release = threading.Event()

    def approve_and_hold():
        with transaction.atomic():
            outcome = _approve(manager, alice)
            approved.set()
            release.wait(10)
        return outcome

    t1 = threading.Thread(target=_run, args=(approve_and_hold, results, "approve"))
    t1.start()
    assert approved.wait(10)
    t2 = threading.Thread(target=_run, args=(_edit, results, "edit", alice, entries[0], "v2"))
    t2.start()
    assert wait_for_lock_waiter(), (
        "the second transaction never waited for the first one's row lock"
    )
    release.set()
    t1.join(20)
    t2.join(20)

    assert results["approve"].count == 3
    assert isinstance(results["edit"], ValidationError)
    assert "approved and locked" in str(results["edit"])
    entry = TimeEntry.objects.get(pk=entries[0].pk)
    assert (entry.description, entry.seconds) == ("v1", 7200)
    assert_consistent(entries)


@pytest.mark.parametrize("round_", range(5))
def test_free_race_ends_in_one_of_the_two_orders(setup, round_):
    alice, manager, entries = setup
    results = {}
    barrier = threading.Barrier(2)

    def edit():
        barrier.wait(10)
        return _edit(alice, entries[1], f"race {round_}")

    def approve():
        barrier.wait(10)
        return _approve(manager, alice)

    threads = [
        threading.Thread(target=_run, args=(edit, results, "edit")),
        threading.Thread(target=_run, args=(approve, results, "approve")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert results["approve"].count == 3
    entry = TimeEntry.objects.get(pk=entries[1].pk)
    if isinstance(results["edit"], ValidationError):
        assert (entry.description, entry.seconds) == ("v1", 7200)  # approve, then edit refused
    else:
        assert not isinstance(results["edit"], Exception), results["edit"]
        assert (entry.description, entry.seconds) == (f"race {round_}", 7800)  # edit, approve
    assert_consistent(entries)
