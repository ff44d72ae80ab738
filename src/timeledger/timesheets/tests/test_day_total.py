"""A member's day holds at most 24 hours (25 on the day clocks go back), whatever the entries."""

import datetime as dt

from django.core.exceptions import ValidationError

from timeledger.testing import factories as f
from timeledger.timesheets import rules, services
from timeledger.timesheets.models import TimeEntry

DAY = dt.date(2026, 11, 10)


def test_a_third_nine_hour_entry_on_one_date_is_refused_with_the_total(api, alice, project):
    client = api(alice)
    for _ in range(2):
        r = client.post(
            "/api/entries/",
            {"project": project.pk, "date": str(DAY), "duration": "9:00"},
            format="json",
        )
        assert r.status_code == 201, r.json()
    r = client.post(
        "/api/entries/",
        {"project": project.pk, "date": str(DAY), "duration": "9:00"},
        format="json",
    )
    assert r.status_code == 400
    assert r.json()["fields"]["duration"] == [
        "That makes 27:00 on Tue 10 Nov 2026; a day has at most 24:00."
    ]
    assert TimeEntry.objects.filter(member=alice).count() == 2


def test_editing_an_entry_counts_the_day_without_its_old_length(alice, project):
    a = services.create_entry(
        services.EntryInput(project=project, date=DAY, seconds=12 * 3600), by=alice
    )
    services.create_entry(
        services.EntryInput(project=project, date=DAY, seconds=10 * 3600), by=alice
    )
    # 12 h → 14 h: 24 h in all, allowed; 14 h → 14:01 is not.
    services.update_entry(
        a, services.EntryInput(project=project, date=DAY, seconds=14 * 3600), by=alice
    )
    other = f.project(alice.organisation, code="OPS")
    try:
        services.set_cell_seconds(other, None, DAY, 60, by=alice)
    except ValidationError as exc:
        assert "That makes 24:01" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("a 24:01 day was accepted")


def test_the_day_clocks_go_back_holds_25_hours():
    assert rules.day_total_error(dt.date(2026, 10, 25), 25 * 3600, 25 * 3600) == ""
    assert rules.day_total_error(dt.date(2026, 3, 29), 24 * 3600, 23 * 3600) == ""
    assert "24:00" in rules.day_total_error(DAY, 24 * 3600 + 1, 24 * 3600)
