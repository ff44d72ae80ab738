"""Capture like Toggl and Harvest, walked in headless Debian Chromium: ▶ restarts an entry in one
click, the header timer stays on screen and does not grow, the project picker is searched from
the keyboard and kept after saving, a short timer shows the rounding rule, shortcuts with a "?"
overlay, and the week and grid show a submission at once (grid cells read-only, submit from the
grid, arrow keys). Screenshots at 1280 and 390 px land in var/screenshots/."""

import datetime as dt

import pytest

from timeledger.core import timeutil
from timeledger.testing import factories as f
from timeledger.testing.browser import Flow, sign_in
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    client = f.client(org, code="ACME", name="Acme Retail")
    project = f.project(
        org, client, code="WEB", name="Web shop", rounding_increment=15, rounding_mode="up"
    )
    task = f.task(project, "Checkout design")
    other = f.project(org, f.client(org, code="GLX", name="Globex"), code="ERP", name="ERP")
    today = timeutil.local_date(timeutil.now(), member.timezone)
    return member, project, task, other, today


def test_restart_an_entry_in_one_click_with_a_sticky_compact_timer(live_server, browser, setup):
    member, project, task, other, today = setup
    yesterday = today - dt.timedelta(days=1)
    f.entry(member, other, day=yesterday, hours="1.00", description="Ledger import")
    f.entry(member, project, day=yesterday, hours="2.00", t=task, description="Basket redesign")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "mia@example.com")
    flow = Flow(page, "capture-restart")
    flow.goto(f"{live_server.url}/today/")
    assert "Basket redesign" in page.inner_text("#recent")
    header = page.evaluate("document.querySelector('header.top').offsetHeight")

    flow.click("#recent li:has-text('Basket redesign') .restart-button")
    page.locator("#timer [data-testid=timer-stop]").wait_for()
    assert (flow.loads, flow.clicks) == (1, 1)
    running = TimeEntry.objects.get(member=member, start__isnull=False, end__isnull=True)
    assert (running.project, running.task, running.description) == (
        project,
        task,
        "Basket redesign",
    )
    assert "Basket redesign" in page.inner_text("#timer")

    # Switch opens as a dropdown: the header keeps its height; scrolled, it stays on screen
    page.click("#timer details.switch summary")
    assert page.evaluate("document.querySelector('header.top').offsetHeight") <= header + 4
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(200)
    assert page.evaluate("document.querySelector('header.top').getBoundingClientRect().top") == 0
    page.click("#timer details.switch summary")
    assert flow.shot("running") <= 390
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.querySelector('header.top').offsetHeight") <= 140

    # ▶ on every own entry of the week, too
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/week/?week={yesterday:%Y-%m-%d}")
    page.click("#entries li:has-text('Ledger import') .restart-button")
    page.locator("#timer .running .what", has_text="ERP").wait_for()
    assert (
        TimeEntry.objects.get(member=member, start__isnull=False, end__isnull=True).project == other
    )
    assert errors == []


def test_picker_from_the_keyboard_kept_after_save_short_timer_rounded_and_shortcuts(
    live_server, browser, setup
):
    member, project, task, other, today = setup
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "mia@example.com")
    flow = Flow(page, "capture-picker")
    flow.goto(f"{live_server.url}/today/")

    # the entry form's picker: type, Enter
    page.focus("#entry-form #id_work")
    page.keyboard.type("check")
    options = page.locator("#entry-form [role=option]")
    assert options.all_inner_texts() == ["WEB · Checkout design"]
    page.keyboard.press("Enter")
    assert page.input_value("#entry-form select[name=work]") == f"{project.pk}:{task.pk}"
    page.fill("#entry-form input[name=duration]", "1:00")
    page.click("#entry-form button[type=submit]")
    page.locator("#entry-form .ok").wait_for()
    # the form was swapped in: wait until its select is a picker again (the script runs after
    # the swap; until then #id_work is the bare select, whose value is "project:task")
    page.locator("#entry-form input.picker-input#id_work").wait_for()
    assert page.input_value("#entry-form #id_work") == "WEB · Checkout design"
    assert page.input_value("#entry-form select[name=work]") == f"{project.pk}:{task.pk}"

    # the timer from the keyboard: "s" focuses its picker, Enter picks, Enter starts; "s" stops
    page.click("h1")
    page.keyboard.press("s")
    page.keyboard.type("erp")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.locator("#timer [data-testid=timer-stop]").wait_for()
    page.click("h1")
    page.keyboard.press("s")
    page.locator("#timer [data-testid=timer-start]").wait_for()
    assert TimeEntry.objects.get(member=member, project=other).end is not None

    # a short timer on WEB (15 minutes, up) shows its seconds and what the rule bills
    page.focus("#timer .picker-input")
    page.keyboard.type("web check")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.locator("#timer [data-testid=timer-stop]").wait_for()
    page.click("#timer [data-testid=timer-stop]")
    page.locator("#timer [data-testid=timer-start]").wait_for()
    short = TimeEntry.objects.filter(member=member, project=project).latest("id")
    assert short.seconds < 60 and short.billable_seconds == 900
    page.locator(f"#entry-{short.pk}", has_text="billed 0:15").wait_for()
    assert f"{short.seconds} s" in page.inner_text(f"#entry-{short.pk}")

    # recent projects head the timer's picker now
    page.focus("#timer .picker-input")
    page.keyboard.press("ArrowDown")
    assert page.inner_text("#timer .picker-group >> nth=0") == "RECENT"
    page.keyboard.press("Escape")

    # "?" shows the shortcuts
    page.click("h1")
    page.keyboard.press("?")
    assert page.is_visible("#shortcuts")
    assert flow.shot("shortcuts") <= 390
    page.keyboard.press("Escape")
    assert not page.is_visible("#shortcuts")


# Fired on the body from inside the day list's first swap: after htmx has put the new content in
# but before it has processed it (htmx's 20 ms settle). A timer's stop that answers then is the
# quick start/stop of the keyboard test above.
RELOAD_AGAIN_DURING_SWAP = """() => {
  document.body.addEventListener("htmx:afterSwap", function once(ev) {
    if (!ev.target.closest || !ev.target.closest("#entries")) { return; }
    document.body.removeEventListener("htmx:afterSwap", once);
    document.body.dispatchEvent(new CustomEvent("entries-changed", {bubbles: true}));
  });
  document.body.dispatchEvent(new CustomEvent("entries-changed", {bubbles: true}));
}"""


def test_day_list_reloads_for_a_change_reported_while_it_is_being_swapped(
    live_server, browser, setup
):
    # given the Today page, and an entry stored after the first reload was answered
    member, project, task, other, today = setup
    f.entry(member, other, day=today, hours="1.00", description="Ledger import")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "mia@example.com")
    page.goto(f"{live_server.url}/today/")
    before = page.content()
    f.entry(member, project, day=today, hours="0.25", t=task, description="Basket redesign")
    answered = []

    def stale_first_reload(route):
        # the first reload answers with the list as it was (it left the server before the entry)
        if route.request.headers.get("hx-request") and not answered:
            answered.append(route.request.url)
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=before)
        else:
            route.continue_()

    page.route("**/today/", stale_first_reload)

    # when a second change is reported while the first reload is being swapped in
    page.evaluate(RELOAD_AGAIN_DURING_SWAP)

    # then the list reloads again and shows the new entry
    page.locator("#entries [data-testid=entry]", has_text="Basket redesign").wait_for(timeout=5000)
    assert len(answered) == 1
    assert page.locator("#entries").count() == 1
    assert page.locator("#entries [data-testid=entry]").count() == 2


def test_submission_shows_at_once_and_the_grid_goes_read_only(live_server, browser, setup):
    member, project, task, other, today = setup
    monday = timeutil.week_start(today)
    entry = f.entry(member, project, day=monday, hours="1.00", t=task, description="Sprint")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "mia@example.com")
    flow = Flow(page, "capture-grid")
    flow.goto(f"{live_server.url}/grid/?week={monday:%Y-%m-%d}")

    # arrow keys move between cells
    first = f"#row-{project.pk}-{task.pk} td.cell input >> nth=0"
    page.focus(first)
    page.keyboard.press("ArrowRight")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.endswith((monday + dt.timedelta(days=1)).strftime("%a %-d %b"))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # the row's first cell: stays
    assert page.evaluate("document.activeElement.closest('td').cellIndex") == 1

    # submit from the grid: the bar and the cell change without a page load
    flow.click("#submit-week button[type=submit]")
    page.locator("#submit-week", has_text="Submitted 1 entry").wait_for()
    page.locator(f"#row-{project.pk}-{task.pk} td.is-frozen").first.wait_for()
    assert "draft" not in page.inner_text("#submit-week .tag >> nth=0")
    assert flow.loads == 1
    cell = page.locator(f"#row-{project.pk}-{task.pk} td.cell >> nth=0")
    assert cell.locator("input").get_attribute("readonly") is not None
    assert "submitted" in cell.inner_text()
    assert flow.shot("submitted") <= 390
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED

    # the week view: a new draft, submitted, its tag changes at once
    late = f.entry(member, other, day=monday + dt.timedelta(days=1), hours="0.50")
    page.goto(f"{live_server.url}/week/?week={monday:%Y-%m-%d}")
    assert "1 draft" in page.inner_text("#submit-week")
    page.click("#submit-week button[type=submit]")
    page.locator(f"#entry-{late.pk} .tag-submitted").wait_for()
    assert "draft" not in page.inner_text("#submit-week")


def test_a_note_per_grid_cell_from_the_keyboard_keeps_arrow_keys(live_server, browser, setup):
    from timeledger.testing.browser import axe_violations

    # given a grid with time on Monday and Tuesday
    member, project, task, other, today = setup
    monday = timeutil.week_start(today)
    tuesday = monday + dt.timedelta(days=1)
    entry = f.entry(member, project, day=monday, hours="1.00", t=task)
    f.entry(member, project, day=tuesday, hours="2.00", t=task)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "mia@example.com")
    flow = Flow(page, "grid-note")
    flow.goto(f"{live_server.url}/grid/?week={monday:%Y-%m-%d}")
    row = f"#row-{project.pk}-{task.pk}"

    # arrow keys still move between the hours, past the note buttons
    page.focus(f"{row} td.cell input.hours >> nth=0")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.closest('td').cellIndex") == 2
    page.keyboard.press("ArrowLeft")

    # when Tab reaches Monday's note button and Enter opens its pop-over
    page.keyboard.press("Tab")
    pid = f"note-{project.pk}-{task.pk}-{monday.isoformat()}"
    assert page.evaluate("document.activeElement.id") == f"{pid}-button"
    page.keyboard.press("Enter")
    page.locator(f"#{pid}").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == f"{pid}-text"
    assert axe_violations(page) == []
    assert flow.shot("open") <= 390

    # typing in the note, arrow keys stay in the text; Ctrl+Enter saves
    page.keyboard.type("Workshop")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.id") == f"{pid}-text"
    page.keyboard.press("Control+Enter")
    page.locator(f"#{pid}-button.has-note").wait_for()

    # then the entry holds it, the pop-over is gone and focus is back on the cell's button
    assert page.locator(f"#{pid}").is_hidden()
    page.wait_for_function(
        f"document.activeElement && document.activeElement.id === '{pid}-button'"
    )
    entry.refresh_from_db()
    assert (entry.description, entry.seconds) == ("Workshop", 3600)
    assert "Workshop" in page.get_attribute(f"#{pid}-button", "aria-label")

    # Esc closes a pop-over without saving
    page.keyboard.press("Enter")
    page.locator(f"#{pid}").wait_for(state="visible")
    page.keyboard.type(" and more")
    page.keyboard.press("Escape")
    page.locator(f"#{pid}").wait_for(state="hidden")
    entry.refresh_from_db()
    assert entry.description == "Workshop"
    assert axe_violations(page) == []
    assert errors == []
