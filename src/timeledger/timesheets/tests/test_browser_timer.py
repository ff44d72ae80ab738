"""End to end in headless Debian Chromium: sign in, start and stop the header timer, find the entry
in the week view, and check the timer on a phone-sized screen. Screenshots go to test-output/.

Chromium comes from the system package (``make chromium``); a missing browser fails the test.
"""

import datetime as dt

import pytest

from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.testing.browser import sign_in as browser_sign_in
from timeledger.timesheets.models import TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    client = f.client(org, code="ACME", name="Acme Retail")
    project = f.project(org, client, code="WEB", name="Web shop")
    task = f.task(project, "Checkout design")
    return member, project, task


def sign_in(page, base_url: str) -> None:
    browser_sign_in(page, base_url, "mia@example.com")


def test_start_stop_timer_and_find_the_entry_in_the_week(live_server, browser, setup, test_output):
    member, project, task = setup
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/week/")
    timer = page.locator("#timer")
    timer.locator("select[name=work]").select_option(f"{project.pk}:{task.pk}")
    timer.locator("input[name=description]").fill("Basket redesign")
    timer.get_by_test_id("timer-start").click()

    stop = timer.get_by_test_id("timer-stop")
    stop.wait_for()
    assert "WEB" in timer.inner_text() and "Checkout design" in timer.inner_text()
    elapsed = timer.locator(".elapsed")
    first = elapsed.inner_text()
    page.wait_for_timeout(2100)
    assert elapsed.inner_text() != first, "the elapsed time should tick"

    stop.click()
    timer.get_by_test_id("timer-start").wait_for()

    # The week list reloads itself when the timer reports a change: no page reload needed.
    entry = page.locator("#entries [data-testid=entry]", has_text="Basket redesign")
    entry.wait_for()
    assert "WEB" in entry.inner_text()
    saved = TimeEntry.objects.get(member=member)
    assert saved.end is not None and saved.seconds >= 2 and saved.task_id == task.pk

    page.reload()
    assert page.locator("#entries [data-testid=entry]", has_text="Basket redesign").count() == 1
    page.screenshot(path=str(test_output / "timer-week.png"), full_page=True)
    page.close()


def test_timer_is_usable_on_a_phone(live_server, browser, setup, test_output):
    member, project, task = setup
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    sign_in(page, live_server.url)

    select = page.locator("#timer select[name=work]")
    start = page.locator("#timer").get_by_test_id("timer-start")
    assert select.is_visible() and start.is_visible()
    box = start.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390, "start button off screen"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"page scrolls sideways on a phone ({scroll_width}px)"

    select.select_option(str(project.pk))
    start.tap()
    page.locator("#timer").get_by_test_id("timer-stop").wait_for()
    page.screenshot(path=str(test_output / "timer-phone.png"), full_page=True)
    context.close()


def test_grid_cell_saves_on_change_and_updates_the_totals(live_server, browser, setup, test_output):
    member, project, task = setup
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/grid/")
    page.locator("form.add-row select[name=work]").select_option(f"{project.pk}:{task.pk}")
    page.locator("form.add-row button").click()
    row = page.locator(f"#row-{project.pk}-{task.pk}")
    row.wait_for()
    monday_cell = row.locator("input[name=value]").first
    monday_cell.fill("1:30")
    monday_cell.press("Tab")
    page.locator("#grid-totals", has_text="1:30").wait_for()
    assert TimeEntry.objects.get(member=member).seconds == 5400

    # A bad value stays in the cell with the message beside it; nothing is saved.
    cell = page.locator(f"#row-{project.pk}-{task.pk} input[name=value]").nth(1)
    cell.fill("lots")
    cell.press("Tab")
    page.locator(f"#row-{project.pk}-{task.pk} .error").wait_for()
    assert "is not a duration" in page.locator(f"#row-{project.pk}-{task.pk}").inner_text()
    assert TimeEntry.objects.filter(member=member).count() == 1
    page.screenshot(path=str(test_output / "grid.png"), full_page=True)
    page.close()


def test_week_entry_is_edited_inline_with_errors_beside_fields_then_deleted(
    live_server, browser, setup
):
    member, project, task = setup
    yesterday = timeutil.local_date(timeutil.now(), member.timezone) - dt.timedelta(days=1)
    entry = f.entry(member, project, day=yesterday, hours="1.5", t=task, description="Old")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/week/?week={yesterday.isoformat()}")

    row = page.locator(f"#entry-{entry.pk}")
    row.get_by_text("Edit").click()
    form = page.locator(f"#entry-form-{entry.pk}")
    form.locator("input[name=start]").fill("10:00")
    form.locator("input[name=end]").fill("10:00")
    form.get_by_role("button", name="Save changes").click()
    form.locator("#id_end-error", has_text="End must be after start.").wait_for()

    form.locator("input[name=start]").fill("")
    form.locator("input[name=end]").fill("")
    form.locator("input[name=duration]").fill("0:45")
    form.locator("textarea[name=description]").fill("Corrected")
    form.get_by_role("button", name="Save changes").click()
    page.locator(f"#entry-{entry.pk}", has_text="Corrected").wait_for()
    entry.refresh_from_db()
    assert (entry.seconds, entry.description) == (2700, "Corrected")

    page.locator(f"#entry-{entry.pk}").get_by_text("Delete").click()
    page.locator(f"#entry-{entry.pk}").wait_for(state="detached")
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()
    page.close()
