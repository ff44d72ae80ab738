"""Two lockers racing on the same entries, on PostgreSQL: each entry is locked once, by the first.

A holds its transaction open after locking; meanwhile the rate changes and B tries to lock the
same entries. B must wait for A's row locks, then see the entries locked and leave them alone:
the frozen rate is A's, never B's.
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from timeledger.accounts.roles import Role
from timeledger.rates.locking import lock_entries
from timeledger.testing import factories as f
from timeledger.testing.locks import wait_for_lock_waiter
from timeledger.timesheets.models import TimeEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_second_locker_waits_and_changes_nothing(transactional_db):
    org = f.organisation("Race Rates", slug="race-rates")
    alice = f.member(org, Role.MEMBER)
    project = f.project(org, code="RR")
    rate = f.rate(org, "100.00")
    ids = [f.entry(alice, project, day=dt.date(2026, 3, 2 + i), hours="1").pk for i in range(3)]
    a_locked = threading.Event()
    release_a = threading.Event()
    results = {}

    def locker_a():
        try:
            with transaction.atomic():
                results["a"] = int(lock_entries(TimeEntry.objects.filter(pk__in=ids)))
                a_locked.set()
                release_a.wait(10)
        finally:
            connections.close_all()

    def locker_b():
        try:
            results["b"] = int(lock_entries(TimeEntry.objects.filter(pk__in=ids)))
        finally:
            connections.close_all()

    ta = threading.Thread(target=locker_a)
    ta.start()
    assert a_locked.wait(10)
    rate.amount = Decimal("250.00")
    rate.save()
    tb = threading.Thread(target=locker_b)
    tb.start()
    assert wait_for_lock_waiter()
    release_a.set()
    ta.join(10)
    tb.join(10)

    assert results == {"a": 3, "b": 0}
    assert set(TimeEntry.objects.filter(pk__in=ids).values_list("rate", "amount")) == {
        (Decimal("100.00"), Decimal("100.00"))
    }
