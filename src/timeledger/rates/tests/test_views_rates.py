"""Rate pages: list, create with inline errors, htmx preview, delete, entry explanation, rounding."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client as WebClient

from timeledger.rates.models import Rate
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date
FORM = {
    "kind": "billing",
    "level": "organisation",
    "amount": "95.00",
    "currency": "EUR",
    "effective_from": "2026-01-01",
}


def web(member):
    c = WebClient()
    c.force_login(member.user)
    return c


def test_rate_list_shows_rates_and_nav_link(manager, org):
    f.rate(org, "90.00")
    page = web(manager).get("/rates/").content.decode()
    assert "Organisation default" in page and "90.00 EUR" in page
    assert 'href="/rates/"' in page


def test_member_gets_403(alice):
    assert web(alice).get("/rates/").status_code == 403
    assert web(alice).get("/rates/new/").status_code == 403


def test_create_rate(manager):
    r = web(manager).post("/rates/new/", FORM)
    assert r.status_code == 302
    assert Rate.objects.get().source == "organisation default rate 95.00 EUR, effective 2026-01-01"


def test_negative_rate_shows_inline_error_and_saves_nothing(manager):
    r = web(manager).post("/rates/new/", {**FORM, "amount": "-3"}, HTTP_HX_REQUEST="true")
    page = r.content.decode()
    assert r.status_code == 200
    assert "A rate cannot be negative." in page
    assert "field-amount" in page and "has-error" in page
    assert Rate.objects.count() == 0


def test_overlap_and_currency_errors_next_to_fields(manager, org):
    f.rate(org, "90.00", effective_from=D(2026, 1, 1))
    page = web(manager).post("/rates/new/", FORM).content.decode()
    assert "already starts on this date" in page
    page = web(manager).post("/rates/new/", {**FORM, "currency": "QQQ"}).content.decode()
    assert "Unknown currency" in page


def test_preview_fragment(manager, org, project, alice):
    f.rate(org, "100.00")
    f.entry(alice, project, day=D(2026, 2, 2), hours="2")
    data = {**FORM, "level": "project", "project": project.pk, "amount": "120"}
    page = web(manager).post("/rates/preview/", data, HTTP_HX_REQUEST="true").content.decode()
    assert "Would re-price 1 unlocked entry (2.00 h)." in page
    assert "200.00 → 240.00 EUR (change 40.00)" in page
    assert Rate.objects.count() == 1  # nothing saved


def test_delete_shows_preview_then_deletes(manager, org, project, alice):
    r = f.rate(org, "100.00")
    f.entry(alice, project, day=D(2026, 2, 2), hours="1")
    page = web(manager).get(f"/rates/{r.pk}/delete/").content.decode()
    assert "1 entry would have no rate." in page
    assert web(manager).post(f"/rates/{r.pk}/delete/").status_code == 302
    assert not Rate.objects.exists()


def test_entry_rate_page_explains_and_overrides(manager, org, project, alice):
    arch = f.task(project, "Architecture")
    f.rate(org, "150.00", level="task", task=arch, effective_from=D(2026, 1, 1))
    e = f.entry(alice, project, day=D(2026, 2, 2), t=arch, hours="1.5", billable_seconds=5400)
    page = web(manager).get(f"/entries/{e.pk}/rate/").content.decode()
    assert "task rate &#x27;Architecture&#x27; 150.00 EUR, effective 2026-01-01" in page
    r = web(manager).post(f"/entries/{e.pk}/rate/", {"rate_override": "-1"})
    assert "A rate cannot be negative." in r.content.decode()
    web(manager).post(f"/entries/{e.pk}/rate/", {"rate_override": "175.00", "reason": "agreed"})
    e.refresh_from_db()
    assert e.rate_override == Decimal("175.00")


def test_outsider_gets_404(outsider, org, project, alice):
    r = f.rate(org, "1.00")
    e = f.entry(alice, project, day=D(2026, 2, 2))
    c = web(outsider)
    assert c.get(f"/rates/{r.pk}/edit/").status_code == 404
    assert c.get(f"/rates/{r.pk}/delete/").status_code == 404
    assert c.get(f"/entries/{e.pk}/rate/").status_code == 404
    assert "1.00 EUR" not in c.get("/rates/").content.decode()


@pytest.mark.parametrize(
    "increment,mode,expected", [(15, "up", 1800), (15, "down", 900), (6, "nearest", 1440)]
)
def test_rounding_page_rerounds_unlocked_entries(
    manager, org, project, alice, increment, mode, expected
):
    e = f.entry(alice, project, day=D(2026, 2, 2), hours="0.4")  # 1440 s = 24 min
    locked = f.entry(
        alice,
        project,
        day=D(2026, 2, 2),
        hours="0.4",
        rate_locked_at=dt.datetime(2026, 2, 3, tzinfo=dt.UTC),
    )
    r = web(manager).post(
        "/rates/rounding/", {"rounding_increment": increment, "rounding_mode": mode}
    )
    assert r.status_code == 302
    e.refresh_from_db()
    locked.refresh_from_db()
    assert (e.seconds, e.billable_seconds) == (1440, expected)
    assert locked.billable_seconds == 1440


def test_project_rounding_overrides_org(manager, org, project, alice):
    e = f.entry(alice, project, day=D(2026, 2, 2), hours="0.1")  # 360 s
    web(manager).post(
        f"/rates/rounding/projects/{project.pk}/", {"rounding_increment": 30, "rounding_mode": "up"}
    )
    e.refresh_from_db()
    assert e.billable_seconds == 1800
    assert TimeEntry.objects.get(pk=e.pk).seconds == 360
