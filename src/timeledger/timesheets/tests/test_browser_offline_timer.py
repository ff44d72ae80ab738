"""The installable app's offline timer, in headless Debian Chromium: go offline, start and stop the
header timer, come back online — the entry is stored exactly once (and sending it again, as a
phone whose answer was lost would, stores nothing more). The manifest and the service worker are
served from the site's root."""

import json

import pytest

from timeledger.testing import factories as f
from timeledger.testing.browser import Flow, sign_in
from timeledger.timesheets.models import TimeEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Acme Consulting", slug="acme")
    member = f.member(org, "member", email="mia@example.com")
    project = f.project(org, f.client(org, code="ACME"), code="WEB", name="Web shop")
    return member, project


def test_offline_timer_is_stored_once_when_back_online(live_server, browser, setup):
    member, project = setup
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "mia@example.com")
    page.goto(f"{live_server.url}/today/")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    flow = Flow(page, "offline-timer")

    context.set_offline(True)
    page.select_option("#timer select[name=work]", str(project.pk))
    page.fill("#timer input[name=description]", "On the train")
    page.click("#timer [data-testid=timer-start]")
    page.locator("#timer .tag", has_text="offline").wait_for()
    page.wait_for_timeout(1500)
    assert flow.shot("running-offline") <= 390
    page.click("#offline-stop")
    page.locator("#offline-queued").wait_for()
    assert TimeEntry.objects.count() == 0
    queued = page.evaluate("JSON.parse(localStorage.getItem('tl-offline-queue'))")
    assert len(queued) == 1

    context.set_offline(False)
    page.wait_for_function(
        "!localStorage.getItem('tl-offline-queue') || "
        "JSON.parse(localStorage.getItem('tl-offline-queue')).length === 0"
    )
    page.locator("#entries", has_text="On the train").wait_for()
    entry = TimeEntry.objects.get()
    assert (entry.member, entry.project, entry.description) == (member, project, "On the train")
    assert entry.seconds >= 1 and entry.end is not None

    # the phone never heard back and sends the same run again: still one entry
    token = page.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken']")
    run = queued[0]
    again = page.request.post(
        f"{live_server.url}/timer/offline-sync/",
        form={k: run[k] for k in ("work", "description", "start", "end")},
        headers={"X-CSRFToken": token},
    )
    assert again.status == 200 and json.loads(again.text())["created"] is False
    assert TimeEntry.objects.count() == 1
    page.reload()
    assert TimeEntry.objects.count() == 1
    assert errors == []

    manifest = page.request.get(f"{live_server.url}/manifest.webmanifest")
    data = json.loads(manifest.text())
    assert data["start_url"] == "/today/" and {i["sizes"] for i in data["icons"]} == {
        "192x192",
        "512x512",
    }
    for icon in data["icons"]:
        assert page.request.get(f"{live_server.url}{icon['src']}").status == 200
    context.close()


def test_offline_sync_refuses_bad_input_in_the_json_error_shape(client, setup):
    member, project = setup
    client.force_login(member.user)
    response = client.post(
        "/timer/offline-sync/", {"work": str(project.pk), "start": "yesterday", "end": ""}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid" and "start" in body["fields"]
