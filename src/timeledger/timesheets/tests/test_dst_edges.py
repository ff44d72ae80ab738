"""The repeated hour of autumn and overnight ranges, through the API, the web form and the CLI.

Europe/Amsterdam (the test members' zone) goes back from 03:00 CEST to 02:00 CET on
25 Oct 2026 (01:00 UTC): 02:00–02:59 happens twice.
"""

import datetime as dt

from timeledger.cli import main
from timeledger.core import timeutil
from timeledger.timesheets.models import TimeEntry

UTC = dt.UTC
HX = {"HTTP_HX_REQUEST": "true"}


def _utc(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- API: instants, not wall clocks ----------------------------------------------------------------


def test_api_refuses_an_end_before_its_start_as_instants_with_a_field_error(api, alice, project):
    r = api(alice).post(
        "/api/entries/",
        {"project": project.pk, "start": "2026-10-25T01:50:00Z", "end": "2026-10-25T00:55:00Z"},
        format="json",
    )
    assert r.status_code == 400, r.content
    assert r.json()["fields"]["end"] == ["End must be after start."]


def test_api_accepts_55_minutes_that_span_the_repeated_hour(api, alice, project):
    r = api(alice).post(
        "/api/entries/",
        {"project": project.pk, "start": "2026-10-25T00:33:47Z", "end": "2026-10-25T01:29:19Z"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    entry = TimeEntry.objects.get(pk=r.json()["id"])
    assert entry.seconds == 55 * 60 + 32
    assert entry.start == _utc("2026-10-25T00:33:47")


def test_api_refuses_more_than_24_hours_counted_as_instants(api, alice, project):
    # 02:30 CEST to 02:10 CET next... wall clock 23:40 apart, but 24:40 really passed.
    r = api(alice).post(
        "/api/entries/",
        {"project": project.pk, "start": "2026-10-24T00:00:00Z", "end": "2026-10-25T00:30:00Z"},
        format="json",
    )
    assert r.status_code == 400
    assert "24 hours" in r.json()["fields"]["end"][0]


# --- the web form ----------------------------------------------------------------------------------


def _post(web, project, **data):
    return web.post("/entries/new/", {"work": str(project.pk), "date": "2026-10-25", **data}, **HX)


def test_form_asks_which_occurrence_of_a_time_in_the_repeated_hour(web, alice, project):
    response = _post(web, project, start="02:30", end="02:45")
    body = response.content.decode()
    assert "happens twice in Europe/Amsterdam" in body
    assert "02:30+02:00 (first) or 02:30+01:00 (second)" in body
    assert 'name="start_fold"' in body
    assert not TimeEntry.objects.filter(member=alice).exists()


def test_form_stores_the_chosen_occurrences(web, alice, project):
    _post(web, project, start="02:30", start_fold="0", end="02:15", end_fold="1")
    entry = TimeEntry.objects.get(member=alice)
    # 02:30 CEST = 00:30 UTC; 02:15 CET = 01:15 UTC: 45 minutes, though the wall clock goes back.
    assert (entry.start, entry.end, entry.seconds) == (
        _utc("2026-10-25T00:30"),
        _utc("2026-10-25T01:15"),
        45 * 60,
    )


def test_form_takes_an_overnight_range_as_ending_the_next_day(web, alice, project):
    web.post(
        "/entries/new/",
        {"work": str(project.pk), "date": "2026-11-10", "start": "23:00", "end": "01:00"},
        **HX,
    )
    entry = TimeEntry.objects.get(member=alice)
    assert (entry.date, entry.seconds) == (dt.date(2026, 11, 10), 7200)
    assert entry.end.astimezone(timeutil.zone("Europe/Amsterdam")).date() == dt.date(2026, 11, 11)


def test_form_edit_of_an_entry_in_the_second_occurrence_keeps_it(alice, project):
    from timeledger.timesheets.forms import EntryForm

    entry = TimeEntry(
        project=project, start=_utc("2026-10-25T01:10"), end=_utc("2026-10-25T01:40"), date=None
    )
    initial = EntryForm.initial_for(entry, "Europe/Amsterdam")
    assert (initial["start"], initial["start_fold"], initial["end_fold"]) == ("02:10", "1", "1")


# --- the CLI ---------------------------------------------------------------------------------------


def _cli(capsys, *args):
    code = main(["--user", "alice@example.com", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refuses_an_ambiguous_time_in_one_line_naming_the_offsets(capsys, alice, project):
    code, _, err = _cli(capsys, "log", "web", "--date", "2026-10-25", "--start", "02:10",
                        "--end", "02:40")  # fmt: skip
    assert code == 1
    assert err.strip().splitlines() == [
        "timeledger: error: --start: 25 Oct 2026 02:10 happens twice in Europe/Amsterdam (clocks "
        "move back): say which, 02:10+02:00 (first) or 02:10+01:00 (second)"
    ]


def test_cli_takes_explicit_offsets_in_the_repeated_hour(capsys, alice, project):
    code, out, err = _cli(capsys, "log", "web", "--date", "2026-10-25",
                          "--start", "02:10+02:00", "--end", "02:20+01:00")  # fmt: skip
    assert (code, err) == (0, ""), err
    entry = TimeEntry.objects.get(member=alice)
    assert (entry.start, entry.seconds) == (_utc("2026-10-25T00:10"), 70 * 60)


def test_cli_refuses_an_offset_the_zone_does_not_have(capsys, alice, project):
    code, _, err = _cli(capsys, "log", "web", "--date", "2026-10-25",
                        "--start", "02:10+05:00", "--end", "02:20+01:00")  # fmt: skip
    assert code == 1
    assert "is not a time in Europe/Amsterdam" in err


def test_cli_takes_an_overnight_range_as_ending_the_next_day(capsys, alice, project):
    code, _, err = _cli(capsys, "log", "web", "--date", "2026-11-10", "--start", "23:00",
                        "--end", "01:30")  # fmt: skip
    assert (code, err) == (0, ""), err
    assert TimeEntry.objects.get(member=alice).seconds == 9000
