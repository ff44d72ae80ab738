"""A lock date is the organisation's: read in its time zone (Europe/Amsterdam here), the same for
a member in Pacific/Kiritimati (UTC+14) and one in Pacific/Honolulu (UTC−10)."""

import datetime as dt

import pytest

from timeledger.accounts.roles import Role
from timeledger.testing import factories as f
from timeledger.timesheets import rules

LOCK = dt.date(2026, 11, 10)


@pytest.fixture
def locked(org):
    org.lock_date = LOCK
    org.save(update_fields=["lock_date"])
    return org


def _post(api, member, project, start, end):
    return api(member).post(
        "/api/entries/", {"project": project.pk, "start": start, "end": end}, format="json"
    )


def test_kiritimati_cannot_write_into_a_period_locked_in_the_organisations_zone(
    api, locked, project
):
    kiri = f.member(locked, Role.MEMBER, tz="Pacific/Kiritimati")
    # 11 Nov 01:00 in Kiritimati, but 10 Nov 12:00 in Amsterdam: locked.
    r = _post(api, kiri, project, "2026-11-10T11:00:00Z", "2026-11-10T12:00:00Z")
    assert r.status_code == 400
    assert r.json()["fields"]["date"] == [
        "The period up to 10 Nov 2026 is locked (the organisation's date, Europe/Amsterdam "
        "time); ask an admin."
    ]


def test_honolulu_just_after_the_boundary_is_not_refused(api, locked, project):
    hnl = f.member(locked, Role.MEMBER, tz="Pacific/Honolulu")
    # 10 Nov 14:30 in Honolulu, but 11 Nov 01:30 in Amsterdam: open.
    r = _post(api, hnl, project, "2026-11-11T00:30:00Z", "2026-11-11T01:30:00Z")
    assert r.status_code == 201, r.json()
    assert r.json()["date"] == "2026-11-10"  # the member's own date stays on the entry


def test_lock_day_reads_a_start_in_the_organisations_zone():
    start = dt.datetime(2026, 11, 10, 23, 30, tzinfo=dt.UTC)
    assert rules.lock_day(dt.date(2026, 11, 10), start, "Europe/Amsterdam") == dt.date(2026, 11, 11)
    assert rules.lock_day(dt.date(2026, 11, 10), start, "UTC") == dt.date(2026, 11, 10)
    assert rules.lock_day(dt.date(2026, 11, 9), None, "Asia/Tokyo") == dt.date(2026, 11, 9)
