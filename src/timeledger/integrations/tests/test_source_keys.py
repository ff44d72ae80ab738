"""Source keys and fingerprints are stored with every imported row: a re-import of a file
imported before finds its rows only if the same row gives the same texts today. These are the
values the first released scheme gave (SHA-1 of the parts joined by U+001F); any change to
``rows.source_key`` or ``rows.fingerprint`` must keep them, or migrate the stored rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from timeledger.integrations.imports.rows import (
    SourceRow,
    fingerprint,
    fingerprint_names,
    source_key,
)

UTC = dt.UTC


def test_source_keys_and_fingerprints_are_stable():
    timed = SourceRow(
        line=2,
        person_email="Anna@Example.com",
        person_name="Anna",
        client="Acme",
        project="Web",
        task="Build",
        description="x\ty",
        is_billable=True,
        start=dt.datetime(2026, 3, 2, 8, tzinfo=UTC),
        end=dt.datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        seconds=5400,
        amount=Decimal("150.00"),
        currency="EUR",
    )
    duration = SourceRow(
        line=3,
        person_name="  Ben  Brown ",
        client="Acme",
        project="Web",
        project_code="W1",
        day=dt.date(2026, 3, 3),
        seconds=3600,
        rate=Decimal("90"),
        is_invoiced=True,
    )
    with_id = SourceRow(
        line=4,
        person_email="c@x",
        source_id="123",
        project="P",
        start=dt.datetime(2026, 3, 2, 8, tzinfo=UTC),
        end=dt.datetime(2026, 3, 2, 9, tzinfo=UTC),
        seconds=3600,
    )
    assert source_key("toggl", timed) == "toggl:t:6082ec168b07ea2bac756f6194e919be5c042163"
    assert fingerprint(timed) == "a6276eedc8169b2bdb21ab8344f50f1ea2aff9c8"
    assert source_key("toggl", duration, 0) == "toggl:d:1c5f77d38f9fae778427791b8fdc734a3c1ed5ae"
    assert source_key("toggl", duration, 2) == "toggl:d:aa4206e6515937a52cb21210d8e0810152f00f47"
    assert fingerprint(duration) == "6abdf1cb0b322b5ca082dfc5532315691e830339"
    assert source_key("toggl", with_id) == "toggl:id:40bd001563085fc35165329ea1ff5c5ecbdbbeef"
    assert fingerprint(with_id) == "36c7ec2bb2ef311a93f92a20c5ae7edf04d67a7a"
    for row in (timed, duration, with_id):
        assert fingerprint(row, fingerprint_names(row)) == fingerprint(row)
