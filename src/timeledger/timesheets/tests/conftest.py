"""Fixtures the timesheet tests share: alice signed in to the web UI, and yesterday in her zone."""

import datetime as dt

import pytest

from timeledger.core import timeutil


@pytest.fixture
def web(client, alice):
    client.force_login(alice.user)
    return client


@pytest.fixture
def day(alice):
    return timeutil.local_date(timeutil.now(), alice.timezone) - dt.timedelta(days=1)
