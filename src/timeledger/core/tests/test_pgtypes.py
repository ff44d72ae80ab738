"""Timestamps read through psycopg's C loader (``core.pgtypes``) are the ones Django's own loader
reads: the same instant, Django's UTC tzinfo, microseconds kept, NULL as None."""

import datetime as dt

import pytest
from django.db import connection
from psycopg.types.datetime import TimestamptzLoader

from timeledger.core import pgtypes

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's loader")
def test_timestamps_come_back_as_django_reads_them():
    with connection.cursor() as cursor:
        loader = connection.connection.adapters.get_loader(
            cursor.connection.adapters.types["timestamptz"].oid, 0
        )
        cursor.execute(
            "SELECT '2026-03-29 01:59:59.123456+00'::timestamptz,"
            " '2026-10-25 02:30:00+02'::timestamptz, NULL::timestamptz,"
            " '0001-01-01 00:00:00+00'::timestamptz"
        )
        row = cursor.fetchone()
    if pgtypes._C_LOADER is not TimestamptzLoader:
        assert loader.__name__ == "CTzLoader"
    assert row[0] == dt.datetime(2026, 3, 29, 1, 59, 59, 123456, tzinfo=dt.UTC)
    assert row[0].tzinfo is connection.timezone
    assert row[1] == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    assert row[2] is None
    assert row[3] == dt.datetime(1, 1, 1, tzinfo=dt.UTC)
