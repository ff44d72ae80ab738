"""Hypothesis over start–end entries around both DST switches and midnight in six zones, through
the API and the CLI: the stored seconds equal an independent ``zoneinfo`` computation (POSIX
timestamps), nothing answers 5xx, and every refusal carries a message."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.accounts.roles import Role
from timeledger.cli import main
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # moves by 30 minutes
    "Asia/Kathmandu",  # +05:45, no DST: midnight only
    "Pacific/Kiritimati",  # +14:00
    "UTC",
]
YEAR = 2025  # in the past whenever the suite runs
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _anchors(name: str) -> list[dt.datetime]:
    """UTC instants of the zone's offset changes in YEAR and of a few local midnights."""
    tz = ZoneInfo(name)
    found = []
    t = dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC)
    previous = t.astimezone(tz).utcoffset()
    while t.year == YEAR:
        t += dt.timedelta(minutes=30)
        offset = t.astimezone(tz).utcoffset()
        if offset != previous:
            found.append(t)
            previous = offset
    midnights = [dt.datetime(YEAR, m, 15, tzinfo=tz).astimezone(dt.UTC) for m in (1, 4, 7, 10)]
    return found + midnights


ANCHORS = {name: _anchors(name) for name in ZONES}
cases = st.sampled_from(ZONES).flatmap(
    lambda name: st.tuples(
        st.just(name),
        st.sampled_from(ANCHORS[name]),
        st.integers(min_value=-150, max_value=150),  # start, minutes from the anchor
        st.integers(min_value=-30, max_value=26 * 60),  # length in minutes (some refused)
    )
)


@pytest.fixture
def people(org, project):
    return {
        name: f.member(org, Role.MEMBER, tz=name, email=f"z{i}@example.com")
        for i, name in enumerate(ZONES)
    }


@given(case=cases)
@FUZZ
def test_api_stores_the_real_seconds_between_two_instants(api, people, project, case):
    name, anchor, start_min, length = case
    member = people[name]
    TimeEntry.objects.filter(member=member).delete()
    start = anchor + dt.timedelta(minutes=start_min)
    end = start + dt.timedelta(minutes=length)
    tz = ZoneInfo(name)
    # Written in the member's own zone with its offset, as a client would.
    body = {
        "project": project.pk,
        "start": start.astimezone(tz).isoformat(),
        "end": end.astimezone(tz).isoformat(),
    }
    r = api(member).post("/api/entries/", body, format="json")
    assert r.status_code < 500, r.content[:300]
    expected = int(end.timestamp() - start.timestamp())
    if 0 < expected <= 24 * 3600:
        assert r.status_code == 201, (body, r.json())
        entry = TimeEntry.objects.get(pk=r.json()["id"])
        assert entry.seconds == expected
        assert entry.date == start.astimezone(tz).date()
    else:
        assert r.status_code == 400
        assert r.json()["fields"]["end"][0]


@given(case=cases, say_which=st.booleans(), second=st.booleans())
@FUZZ
def test_cli_stores_the_real_seconds_between_two_wall_clock_times(
    capsys, people, project, case, say_which, second
):
    name, anchor, start_min, length = case
    member = people[name]
    TimeEntry.objects.filter(member=member).delete()
    tz = ZoneInfo(name)
    start_local = (anchor + dt.timedelta(minutes=start_min)).astimezone(tz)
    end_wall = start_local.replace(tzinfo=None) + dt.timedelta(minutes=max(length, 0) % 1440)
    end_wall = end_wall.replace(second=0)
    start_wall = start_local.replace(tzinfo=None, second=0)

    def typed(wall: dt.datetime) -> tuple[str, bool, float | None]:
        """The text typed for a wall time; whether it is valid; its POSIX timestamp."""
        first, other = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
        text = f"{wall:%H:%M}"
        exists = first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) == wall
        twice = first.utcoffset() > other.utcoffset()
        if twice:
            pick = other if second else first
            if not say_which:
                return text, False, None
            off = int(pick.utcoffset().total_seconds()) // 60
            sign = "-" if off < 0 else "+"
            return f"{text}{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}", True, pick.timestamp()
        if not exists:
            return text, False, None
        return text, True, first.timestamp()

    day = start_wall.date()
    # The CLI's rule: an end before the start (as wall clock) is the next day, unless the chosen
    # occurrences in the repeated hour make it later on the same day.
    same_day_end = dt.datetime.combine(day, end_wall.time())
    start_text, start_ok, start_ts = typed(start_wall)
    end_text, end_ok, end_ts = typed(same_day_end)
    end_offset_given = len(end_text) > 5
    stays = end_offset_given and end_ok and start_ok and end_ts > start_ts
    if end_wall.time() < start_wall.time() and not stays:
        end_text, end_ok, end_ts = typed(same_day_end + dt.timedelta(days=1))
    code = main(["--user", member.user.email, "log", project.code, "--date", day.isoformat(),
                 "--start", start_text, "--end", end_text])  # fmt: skip
    out, err = capsys.readouterr()
    if not (start_ok and end_ok):
        assert code == 1, (start_text, end_text, out)
        assert err.startswith("timeledger: error: --") and len(err.strip().splitlines()) == 1, err
        return
    expected = int(end_ts - start_ts)
    if 0 < expected <= 24 * 3600:
        assert (code, err) == (0, ""), (day, start_text, end_text, err)
        entry = TimeEntry.objects.get(member=member)
        assert entry.seconds == expected, (day, start_text, end_text)
    else:
        assert code == 1, (day, start_text, end_text, out)
        assert err.startswith("timeledger: error: ") and err.strip().count("\n") == 0, err
