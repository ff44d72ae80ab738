"""The short way through ISO cells gives the instants the general way gives, and steps aside
(None) on the days clocks change and for any other spelling."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from timeledger.integrations.imports import timing
from timeledger.integrations.imports.values import local_datetime

BERLIN = ZoneInfo("Europe/Berlin")


def test_iso_cells_give_the_instants_of_the_general_way():
    day = dt.date(2026, 1, 1)
    while day < dt.date(2027, 1, 1):
        text = day.isoformat()
        for start, end in (("08:00:00", "09:30:15"), ("00:00:00", "23:59:59")):
            fast = timing.iso_local_interval(text, start, text, end, BERLIN)
            if day in (dt.date(2026, 3, 29), dt.date(2026, 10, 25)):
                assert fast is None  # clocks change that day: the general way reads it
                continue
            general = timing.local_interval(
                local_datetime(text, start), local_datetime(text, end), BERLIN
            )
            assert fast == general
            assert fast[0].tzinfo is dt.UTC
        day += dt.timedelta(days=1)


def test_across_midnight_and_other_spellings():
    assert timing.iso_local_interval(
        "2026-03-02", "23:30:00", "2026-03-03", "00:15:00", BERLIN
    ) == (
        dt.datetime(2026, 3, 2, 22, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 2, 23, 15, tzinfo=dt.UTC),
    )
    for start_day, clock in (
        ("02.03.2026", "08:00:00"),
        ("2026-03-02", "8:00"),
        ("2026-03-02", "08:00"),
        ("2026-03-02", "24:00:00"),
        ("2026-03-02", "08:60:00"),
        ("2026-02-30", "08:00:00"),
        ("2026-03-02", "0８:00:00"),
    ):
        assert timing.iso_local_interval(start_day, clock, "2026-03-02", "09:00:00", BERLIN) is None
