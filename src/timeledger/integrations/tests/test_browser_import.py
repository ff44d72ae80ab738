"""End to end in headless Debian Chromium: upload a Toggl export, map its project to an existing
one in the preview, commit, and see the entries in the member's week. Screenshots go to
test-output/."""

from __future__ import annotations

import pytest

from timeledger.accounts.roles import Role
from timeledger.integrations.models import ImportBatch, ImportStatus
from timeledger.integrations.tests.conftest import DATA, named
from timeledger.testing import factories as f
from timeledger.testing.browser import sign_in
from timeledger.timesheets.models import TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Northwind", slug="northwind", time_zone="Europe/Berlin")
    named(org, "owner@example.com", "Olga", "Owner", Role.OWNER)
    anna = named(org, "anna@example.com", "Anna", "Schmidt")
    named(org, "ben@example.com", "Ben", "Ott")
    acme = f.client(org, code="ACME", name="Acme Retail")
    shop = f.project(org, acme, code="SHOP", name="Web shop")
    return anna, shop


def test_upload_remap_commit_and_see_the_week(live_server, browser, setup, test_output):
    anna, shop = setup
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    sign_in(page, live_server.url, "owner@example.com")

    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#import-file", str(DATA / "toggl_detailed.csv"))
    page.fill("#import-tz", "Europe/Berlin")
    page.click("#import-preview-button")
    page.wait_for_selector("#import-summary")
    assert "Toggl Track detailed CSV" in page.inner_text("#import-summary")
    assert "7 to import" in page.inner_text("#import-counts")
    page.screenshot(path=str(test_output / "import-preview.png"), full_page=True)

    # The file's "Website" would become a new project; map it to the existing SHOP instead.
    page.select_option("select[aria-label='Map Acme Retail / Website']", str(shop.pk))
    page.click("#import-update")
    page.wait_for_selector("text=Preview updated with your mapping")
    assert "SHOP — Web shop" in page.inner_text("#import-totals")
    page.screenshot(path=str(test_output / "import-preview-remapped.png"), full_page=True)

    page.click("#import-commit")
    page.wait_for_selector("text=Imported 7 entries.")
    assert ImportBatch.objects.get().status == ImportStatus.COMMITTED
    assert TimeEntry.objects.filter(project=shop).count() == 4

    page.goto(f"{live_server.url}/week/?member={anna.pk}&week=2026-10-19")
    week = page.inner_text("main")
    assert "Homepage wireframes" in week and "Release night, deploy" in week
    assert "SHOP" in week
    page.screenshot(path=str(test_output / "import-week.png"), full_page=True)
