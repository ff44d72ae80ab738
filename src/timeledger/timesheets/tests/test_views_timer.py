"""The header timer: htmx fragments, inline errors, and the same URLs without JavaScript."""

from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

HX = {"HTTP_HX_REQUEST": "true"}


def test_every_page_shows_the_start_form_in_the_header(web, project):
    page = web.get("/week/").content.decode()
    assert 'id="timer"' in page
    assert 'data-testid="timer-start"' in page
    assert f'value="{project.pk}"' in page


def test_start_returns_the_running_timer_fragment_and_signals_a_change(web, alice, project):
    task = f.task(project, "Design")
    response = web.post(
        "/timer/start/", {"work": f"{project.pk}:{task.pk}", "description": "Mockups"}, **HX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "WEB" in body and "Design" in body and "Mockups" in body
    assert 'data-testid="timer-stop"' in body
    assert "entries-changed" in response.headers["HX-Trigger"]
    running = TimeEntry.objects.get(member=alice)
    assert running.is_running and running.task == task and running.description == "Mockups"


def test_start_without_a_project_shows_the_message_next_to_the_select(web, alice):
    response = web.post("/timer/start/", {"work": "", "description": "x"}, **HX)
    body = response.content.decode()
    assert "Choose a project." in body
    assert "HX-Trigger" not in response.headers
    assert not TimeEntry.objects.filter(member=alice).exists()


def test_second_start_is_refused_inline(web, alice, project):
    web.post("/timer/start/", {"work": str(project.pk)}, **HX)
    response = web.post("/timer/start/", {"work": str(project.pk)}, **HX)
    assert "A timer is already running; stop it or switch." in response.content.decode()
    assert TimeEntry.objects.filter(member=alice).count() == 1


def test_start_on_an_archived_project_is_refused_inline(web, org, client_, alice):
    closed = f.project(org, client_, code="OLD", status="closed")
    response = web.post("/timer/start/", {"work": str(closed.pk)}, **HX)
    body = response.content.decode()
    assert "Choose an open project from the list." in body
    assert not TimeEntry.objects.filter(member=alice).exists()


def test_stop_finishes_the_entry(web, alice, project):
    web.post("/timer/start/", {"work": str(project.pk)}, **HX)
    response = web.post("/timer/stop/", {}, **HX)
    assert "entries-changed" in response.headers["HX-Trigger"]
    assert 'data-testid="timer-start"' in response.content.decode()
    entry = TimeEntry.objects.get(member=alice)
    assert entry.end is not None and entry.seconds >= 1


def test_stop_without_a_timer_says_so(web):
    response = web.post("/timer/stop/", {}, **HX)
    assert "No timer is running." in response.content.decode()


def test_switch_stops_one_and_starts_another(web, alice, org, project):
    other = f.project(org, project.client, code="OPS")
    web.post("/timer/start/", {"work": str(project.pk)}, **HX)
    web.post("/timer/switch/", {"work": str(other.pk)}, **HX)
    entries = TimeEntry.objects.filter(member=alice).order_by("id")
    assert [e.project.code for e in entries] == ["WEB", "OPS"]
    assert entries[0].end == entries[1].start
    assert entries[1].is_running


def test_without_htmx_start_redirects_back(web, alice, project):
    response = web.post("/timer/start/", {"work": str(project.pk), "next": "/grid/"})
    assert response.status_code == 302 and response["Location"] == "/grid/"


def test_another_organisations_project_cannot_be_picked(web, alice, outsider_org):
    theirs = f.project(outsider_org, code="THEIRS")
    response = web.post("/timer/start/", {"work": str(theirs.pk)}, **HX)
    assert "Choose an open project from the list." in response.content.decode()
    assert not TimeEntry.objects.exists()


def test_accountant_sees_no_timer(client, accountant):
    client.force_login(accountant.user)
    page = client.get("/projects/").content.decode()
    assert 'data-testid="timer-start"' not in page
