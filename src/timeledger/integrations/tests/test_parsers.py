"""The five parsers on files written by hand from the vendors' documented exports
(``data/``). Expected hours per project are worked out by hand in the comments; no database.

Every file holds, in Europe/Berlin: an entry across midnight (20 → 21 Oct, 22:30–01:00 = 2:30),
one across the end of summer time (25 Oct 01:30 CEST – 03:30 CET = 3:00 of real time, not the
2:00 the wall clock suggests), one inside the repeated hour (02:10 CEST – 02:50 CET = 1:40, told
apart from 02:10–02:50 CEST = 0:40 by the file's duration column), an empty description and
formula-like text that must stay text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from timeledger.integrations.imports.base import ParseOptions
from timeledger.integrations.imports.formats import PARSERS, detect
from timeledger.integrations.imports.rows import ImportFileError, RowError, SourceRow

DATA = Path(__file__).parent / "data"
BERLIN = ParseOptions(tz="Europe/Berlin")
UTC = dt.UTC


def parse(name: str, fmt: str | None = None, options: ParseOptions = BERLIN):
    with open(DATA / name, "rb") as fh:
        parser = PARSERS[fmt](options) if fmt else detect(fh)(options)
        return parser.name, list(parser.parse(fh))


def per_project(rows) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for r in rows:
        assert isinstance(r, SourceRow), r
        out[r.project] += r.seconds
    return dict(out)


H = 3600
M = 60


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("toggl_detailed.csv", "toggl"),
        ("harvest_detailed.csv", "harvest"),
        ("clockify_detailed.csv", "clockify"),
        ("kimai_export.csv", "kimai"),
        ("kimai_export.xlsx", "kimai"),
        ("watson_log.json", "watson"),
        ("watson_frames", "watson"),
    ],
)
def test_detects_the_format_from_the_content(name, fmt):
    assert parse(name)[0] == fmt


def test_toggl_hours_per_project():
    _, rows = parse("toggl_detailed.csv")
    # Website: 3:30 + 1:15 + 2:30 (across midnight) + 3:00 (across the end of summer time)
    # Internal: 0:45; Data platform: 1:06 + 1:40 (in the repeated hour)
    assert per_project(rows) == {
        "Website": 10 * H + 15 * M,
        "Internal": 45 * M,
        "Data platform": 2 * H + 46 * M,
    }
    night, dst, repeated = rows[2], rows[3], rows[6]
    assert (night.start, night.end) == (
        dt.datetime(2026, 10, 20, 20, 30, tzinfo=UTC),
        dt.datetime(2026, 10, 20, 23, 0, tzinfo=UTC),
    )
    assert (dst.start, dst.end) == (
        dt.datetime(2026, 10, 24, 23, 30, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 2, 30, tzinfo=UTC),
    )
    assert (repeated.start, repeated.end) == (
        dt.datetime(2026, 10, 25, 0, 10, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 1, 50, tzinfo=UTC),
    )
    assert rows[0].tags == ("design", "ux") and rows[0].amount == Decimal("420.00")
    assert rows[0].currency == "EUR" and rows[0].person_email == "anna@example.com"
    assert rows[1].description == ""
    assert rows[4].description == '=HYPERLINK("http://evil.test","click")'
    assert rows[4].client == "" and rows[4].is_billable is False and rows[4].amount is None
    assert rows[5].description == 'Pipeline review; notes "quoted"'


def test_harvest_hours_and_amounts_with_decimal_commas():
    _, rows = parse("harvest_detailed.csv")
    # Website: 3,5 + 1,25 + 2,5 = 7.25 h; Data platform: 2,0 + 10,75 + 0,5 = 13.25 h
    assert per_project(rows) == {"Website": 7 * H + 15 * M, "Data platform": 13 * H + 15 * M}
    assert [r.amount for r in rows] == [
        Decimal("420.0"),
        Decimal("150.0"),
        Decimal("300.0"),
        Decimal("2500.0"),
        Decimal("13437.5"),
        Decimal("0.0"),
    ]
    # 870.00 for Website, 15,937.50 for Data platform
    assert sum(r.amount for r in rows if r.project == "Website") == Decimal("870.0")
    assert sum(r.amount for r in rows if r.project == "Data platform") == Decimal("15937.5")
    assert rows[3].rate == Decimal("1250.0") and rows[0].currency == "EUR"
    assert [r.is_invoiced for r in rows] == [False, True, False, False, False, False]
    assert rows[0].person_name == "Anna Schmidt" and rows[0].person_email == ""
    assert rows[0].day == dt.date(2026, 10, 19) and rows[0].start is None
    assert rows[1].description == "" and rows[2].description == "=SUM(A1:A9)"
    assert rows[0].project_code == "WEB" and rows[5].is_billable is False


def test_clockify_hours_with_us_dates_and_12_hour_clock():
    _, rows = parse("clockify_detailed.csv")
    # Website: 3:30 + 1:15 + 2:30 + 3:00; Data platform: 1:40 (repeated hour); Internal: 0:45
    assert per_project(rows) == {
        "Website": 10 * H + 15 * M,
        "Data platform": 1 * H + 40 * M,
        "Internal": 45 * M,
    }
    assert rows[2].start == dt.datetime(2026, 10, 20, 20, 30, tzinfo=UTC)
    assert rows[3].seconds == 3 * H
    assert [r.is_invoiced for r in rows] == [False, True, False, False, False, False]
    assert rows[0].rate == Decimal("120.00") and rows[0].currency == "EUR"
    assert rows[5].description == "+cmd|' /C calc'!A0"
    # Amounts: Website 420 + 150 + 300 + 360 = 1,230.00; Data platform 150.00
    assert sum(r.amount for r in rows if r.project == "Website") == Decimal("1230.00")


@pytest.mark.parametrize("name", ["kimai_export.csv", "kimai_export.xlsx"])
def test_kimai_csv_and_xlsx_give_the_same_hours(name):
    _, rows = parse(name)
    # Website: 3:30 + 1:15 + 2:30 (22:30 → 01:00) + 3:00; Data platform: 1:40, its duration
    # written as 1,67 h (closest reading of 02:10–02:50 in the repeated hour); Internal: 0:45
    assert per_project(rows) == {
        "Website": 10 * H + 15 * M,
        "Data platform": 1 * H + 40 * M,
        "Internal": 45 * M,
    }
    assert rows[2].end == dt.datetime(2026, 10, 20, 23, 0, tzinfo=UTC)
    assert [r.is_invoiced for r in rows] == [False, True, False, False, False, False]
    assert rows[0].rate == Decimal("120.00") and rows[0].amount == Decimal("420.00")
    assert rows[0].person_email == "anna@example.com" and rows[0].person_name == "Anna Schmidt"
    assert rows[5].is_billable is False and rows[0].is_billable is True
    assert rows[1].description == ""
    assert rows[5].description.startswith("=1+2")


@pytest.mark.parametrize("name", ["watson_log.json", "watson_frames"])
def test_watson_log_and_frames_give_the_same_instants(name):
    _, rows = parse(name)
    # website: 3:30 + 2:30 + 3:00; data-platform: 1:40
    assert per_project(rows) == {"website": 9 * H, "data-platform": 1 * H + 40 * M}
    assert rows[2].start == dt.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert rows[2].end == dt.datetime(2026, 10, 25, 2, 30, tzinfo=UTC)
    assert rows[0].description == "design, ux" and rows[1].description == ""
    assert rows[3].description == "=cmd|' /C calc'!A0"
    assert rows[0].source_id == "5e7a1b2c9d3f4e8a8b6c0d1e2f3a4b5c"


def test_the_duration_column_decides_the_repeated_hour():
    """02:10 → 02:50 on 25 Oct in Berlin is 0:40 (both CEST, or both CET) or 1:40 (CEST → CET)."""
    header = "User,Email,Project,Billable,Start date,Start time,End date,End time,Duration\n"
    row = "A,a@x.test,P,Yes,2026-10-25,02:10:00,2026-10-25,02:50:00,{}\n"
    for duration, seconds in (("00:40:00", 40 * M), ("01:40:00", 100 * M), ("", 40 * M)):
        rows = _parse_text("toggl", header + row.format(duration))
        assert rows[0].seconds == seconds, duration


def _parse_text(fmt: str, text: str, options: ParseOptions = BERLIN, *, bom: bool = False):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    return list(PARSERS[fmt](options).parse(io.BytesIO(data)))


def test_bad_rows_carry_their_line_and_reason():
    text = (
        "User,Email,Project,Billable,Start date,Start time,End date,End time,Duration\n"
        "A,a@x.test,P,Yes,2026-13-01,09:00:00,2026-13-01,10:00:00,01:00:00\n"
        '"A","a@x.test","P\nwith a line break",Yes,2026-10-01,09:00:00,2026-10-01,10:00:00,01:00\n'
        "A,a@x.test,P,Maybe,2026-10-02,09:00:00,2026-10-02,10:00:00,01:00:00\n"
        "A,a@x.test,,Yes,2026-10-03,09:00:00,2026-10-03,10:00:00,01:00:00\n"
        "A,a@x.test,P,Yes,2026-03-29,02:30:00,2026-03-29,03:30:00,01:00:00\n"
        "A,a@x.test,P,Yes,2026-10-04,10:00:00,2026-10-04,09:00:00,01:00:00\n"
        "A,a@x.test,P,Yes,2026-10-05,09:00:00,2026-10-05,10:00:00,01:00:00,extra,cells\n"
    )
    rows = _parse_text("toggl", text)
    errors = [(r.line, r.reason) for r in rows if isinstance(r, RowError)]
    assert errors == [
        (2, "'2026-13-01' is not a date (YYYY-MM-DD)"),
        (5, "'Maybe' is not yes or no"),
        (6, "No project."),
        (7, "2026-03-29 02:30 does not exist in Europe/Berlin (clocks moved forward)"),
        (8, "The end is not after the start."),
        (9, "11 fields where the header has 9."),
    ]
    assert [r.line for r in rows if isinstance(r, SourceRow)] == [3]


def test_headers_are_found_by_name_in_any_order_and_case():
    text = "end TIME,Start Date,Project,start time,END DATE,Email\n" + (
        "10:30,2026-10-01,P,09:00,2026-10-01,a@x.test\n"
    )
    (row,) = _parse_text("toggl", text, bom=True)
    assert row.seconds == 90 * M and row.person_email == "a@x.test"


def test_toggl_german_headers_and_durations_beyond_a_day():
    text = (
        "Benutzer,E-Mail,Kunde,Projekt,Beschreibung,Abrechenbar,Startdatum,Startzeit,Enddatum,"
        "Endzeit,Dauer\n"
        "A,a@x.test,K,P,,Ja,2026-10-01,08:00:00,2026-10-02,10:00:00,26:00:00\n"
    )
    (row,) = _parse_text("toggl", text)
    assert row.seconds == 26 * H and row.is_billable is True and row.client == "K"


def test_wrong_columns_are_a_file_error():
    with pytest.raises(ImportFileError, match="no column 'Project'"):
        _parse_text("toggl", "User,Email,Start date,Start time,End date,End time\n")


def test_unrecognised_files_are_refused_clearly():
    with pytest.raises(ImportFileError, match="Not an export we read"):
        detect(io.BytesIO(b"name,amount\nx,1\n"))
    with pytest.raises(ImportFileError, match="binary data"):
        detect(io.BytesIO(b"\x00\x01\x02junk" * 100))
    with pytest.raises(ImportFileError, match="empty"):
        detect(io.BytesIO(b"  \n"))


def test_a_day_first_clockify_export_reads_with_the_date_order():
    text = (
        '"Project","User","Email","Start Date","Start Time","End Date","End Time","Duration (h)"\n'
        '"P","A","a@x.test","25/10/2026","23:00:00","26/10/2026","00:30:00","01:30:00"\n'
    )
    (bad,) = _parse_text("clockify", text)
    assert isinstance(bad, RowError) and "MM/DD/YYYY" in bad.reason
    (row,) = _parse_text("clockify", text, ParseOptions(tz="Europe/Berlin", date_order="dmy"))
    assert row.seconds == 90 * M
