"""Report pages: a server-rendered SVG chart with one group per series, the table, exports,
the entries behind a figure, and the role rules."""

import re

import pytest

from timeledger.reports.registry import REPORTS
from timeledger.reports.tests.fixtures import World

Q = "?date_from=2026-10-01&date_to=2026-11-30"


@pytest.fixture
def world(org, owner, manager, alice, accountant, client_):
    return World(org, owner, manager, alice, accountant, client_)


def test_every_page_has_a_chart_and_a_table(world, client):
    client.force_login(world.owner.user)
    for name in REPORTS:
        url = "/reports/" + Q if name == "dashboard" else f"/reports/{name}/{Q}"
        html = client.get(url).content.decode()
        assert "<table" in html, name
        figure = re.search(r'<figure class="card chart-card" data-series="(\d+)">', html)
        assert figure, name
        assert html.count('<g class="series"') == int(figure.group(1)), name


def test_time_page_series_and_drill_down(world, client):
    client.force_login(world.owner.user)
    html = client.get(f"/reports/time/{Q}&group=project").content.decode()
    assert html.count('<g class="series"') == 2
    assert "WEB — Web shop" in html and "950.00" in html
    pattern = r'href="(/reports/entries/\?[^"]*project=' + str(world.web.pk) + r'[^"]*)"'
    link = re.search(pattern, html)
    entries = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert entries.count("<tr>") == 1 + 3  # header + the three WEB entries of the range


def test_page_exports(world, client):
    client.force_login(world.owner.user)
    for fmt, start in (("csv", b"Project"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        r = client.get(f"/reports/wip.{fmt}{Q}")
        assert r.status_code == 200 and r.content.startswith(start), fmt
        assert "attachment" in r["Content-Disposition"]


def test_bad_filter_is_an_inline_message(world, client):
    client.force_login(world.owner.user)
    r = client.get("/reports/time/?date_from=2026-11-30&date_to=2026-11-01")
    assert r.status_code == 200
    assert "The end date is before the start date." in r.content.decode()


def test_member_sees_own_reports_without_money(world, client):
    client.force_login(world.alice.user)
    assert client.get("/reports/profitability/").status_code == 403
    html = client.get(f"/reports/time/{Q}").content.decode()
    assert "WEB — Web shop" in html and "OPS" not in html and "Billable amount" not in html
    assert "/reports/profitability/" not in client.get("/reports/").content.decode()


def test_unknown_report_is_404(world, client):
    client.force_login(world.owner.user)
    assert client.get("/reports/nope/").status_code == 404
