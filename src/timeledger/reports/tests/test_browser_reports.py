"""End to end in headless Debian Chromium: every report page draws its SVG chart with the
expected number of series, and each export downloads and parses back (CSV with csv, XLSX with
openpyxl, PDF with pypdf). A phone-sized screenshot of one report goes to test-output/."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from timeledger.accounts.roles import Role
from timeledger.reports.tests.fixtures import World
from timeledger.testing import factories as f
from timeledger.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Q = "?date_from=2026-10-01&date_to=2026-11-30"
# Series each chart must draw for the fixture (worked out from World, not from the code):
SERIES = {
    "dashboard": 2,  # billable, non-billable hours per week
    "time": 2,  # billable, non-billable
    "team-week": 2,  # logged, working hours
    "budget": 2,  # hours used %, % complete
    "profitability": 2,  # revenue, cost
    "utilisation": 1,
    "wip": 1,  # one currency: EUR
    "pipeline": 1,  # EUR
    "estimate-accuracy": 3,  # lowest, median, highest
    "receivables": 1,  # EUR
}


def test_every_report_page_charts_and_exports(live_server, browser, test_output):
    org = f.organisation("Acme Consulting", slug="acme")
    owner = f.member(org, Role.OWNER, email="owner@example.com")
    world = World(
        org,
        owner,
        f.member(org, Role.MANAGER),
        f.member(org, Role.MEMBER, email="alice@example.com"),
        f.member(org, Role.ACCOUNTANT),
        f.client(org, code="ACME", name="Acme Retail", currency="EUR"),
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    sign_in(page, live_server.url, "owner@example.com")
    for name, series in SERIES.items():
        path = "/reports/" if name == "dashboard" else f"/reports/{name}/"
        page.goto(f"{live_server.url}{path}{Q}")
        assert page.locator("svg.chart").count() == 1, name
        assert page.locator("svg.chart g.series").count() == series, name
        assert page.locator("table.report-table tbody tr").count() >= 1, name
        for fmt in ("csv", "xlsx", "pdf"):
            with page.expect_download() as info:
                page.click(f".exports a:text-is('{fmt.upper()}')")
            file = Path(info.value.path())
            _check(fmt, file.read_bytes(), name)
    assert world.web.code == "WEB"

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(phone, live_server.url, "owner@example.com")
    phone.goto(f"{live_server.url}/reports/utilisation/{Q}")
    box = phone.locator("svg.chart").bounding_box()
    assert box["width"] <= 390
    phone.screenshot(path=str(test_output / "report-utilisation-phone.png"), full_page=True)


def _check(fmt: str, body: bytes, name: str) -> None:
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert rows and rows[0], name
    elif fmt == "xlsx":
        ws = load_workbook(io.BytesIO(body)).active
        assert ws.max_row >= 1 and ws["A1"].value, name
    else:
        reader = PdfReader(io.BytesIO(body))
        assert len(reader.pages) >= 1, name
        assert reader.pages[0].extract_text().strip(), name
