"""Query-count regression tests for the API's hot write paths (issues 7 and 19, ``make bench-api``).

Each request costs a fixed number of queries, whatever the member or organisation already
holds; the numbers are pinned so a new per-request query (a repeated lookup, an extra audit read)
shows up here before it shows up in the latency figures of BENCHMARKS.md. Counts include the
transaction's savepoint and release (the test runs inside a transaction); they are the same on
SQLite and PostgreSQL.

Issue 19 (lean write path), before → after: entry create 10 → 9, entry update 12 → 10, timer
start 11 → 10, timer stop 12 → 9. The project's organisation is the request's (no query for the
rounding rule), the updated entry's organisation comes with its locked row, the stopped timer's
project with it, and the timer answer reuses the entry just started or stopped instead of looking
the running timer up again.
"""

import datetime as dt

import pytest

from timeledger.projects.models import Assignment
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db

# token+member, project, savepoint, member lock, the member's day total (at most 24 h a day),
# INSERT entry, the audit chain's newest hash, INSERT audit, release
ENTRY_CREATE_QUERIES = 9
# token+member, the visible entry, savepoint, member lock, the entry locked again (with its
# organisation and member), day total, UPDATE entry, audit hash, INSERT audit, release
ENTRY_UPDATE_QUERIES = 10
# token+member, project, savepoint, member lock, running timer?, a timer stopped in this second
# (the new one starts at its end), overlap, INSERT entry, audit hash, INSERT audit, release
TIMER_START_QUERIES = 11
# token+member, savepoint, member lock, the running timer locked (with its project), overlap,
# UPDATE entry, audit hash, INSERT audit, release
TIMER_STOP_QUERIES = 9
# An Idempotency-Key adds its claim (savepoint, INSERT, release) and the stored answer (UPDATE).
IDEMPOTENCY_KEY_QUERIES = 4
# A project that is not open to everyone: the team check reads the member's assignment.
TEAM_CHECK_QUERIES = 1


def _warm(client):
    """One request first: it records the token's ``last_used_at`` (written at most every 5 min)."""
    assert client.get("/api/entries/").status_code == 200


def _body(project, day):
    return {"project": project.pk, "date": day.isoformat(), "duration": "1:00", "description": "x"}


@pytest.mark.parametrize("existing", [0, 25])
def test_entry_create_costs_a_fixed_number_of_queries(
    api, alice, project, existing, django_assert_num_queries
):
    client = api(alice)
    day = dt.date.today() - dt.timedelta(days=1)
    for i in range(existing):
        f.entry(alice, project, day=day - dt.timedelta(days=i % 7), hours="1")
    _warm(client)
    with django_assert_num_queries(ENTRY_CREATE_QUERIES):
        response = client.post("/api/entries/", _body(project, day), format="json")
    assert response.status_code == 201, response.json()


def test_entry_create_with_an_idempotency_key(api, alice, project, django_assert_num_queries):
    client = api(alice)
    _warm(client)
    body = _body(project, dt.date.today() - dt.timedelta(days=1))
    with django_assert_num_queries(ENTRY_CREATE_QUERIES + IDEMPOTENCY_KEY_QUERIES):
        response = client.post("/api/entries/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 201, response.json()
    replayed = client.post("/api/entries/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert replayed["Idempotent-Replayed"] == "true"
    assert replayed.json() == response.json()


def test_entry_create_on_a_team_project(api, org, client_, alice, django_assert_num_queries):
    team_only = f.project(org, client_, is_open_to_all=False)
    Assignment.objects.create(organisation=org, project=team_only, member=alice)
    client = api(alice)
    _warm(client)
    with django_assert_num_queries(ENTRY_CREATE_QUERIES + TEAM_CHECK_QUERIES):
        response = client.post(
            "/api/entries/", _body(team_only, dt.date.today() - dt.timedelta(days=1)), format="json"
        )
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("existing", [0, 25])
def test_entry_update_costs_a_fixed_number_of_queries(
    api, alice, project, existing, django_assert_num_queries
):
    client = api(alice)
    day = dt.date.today() - dt.timedelta(days=1)
    for i in range(existing):
        f.entry(alice, project, day=day - dt.timedelta(days=i % 7), hours="1")
    _warm(client)
    created = client.post("/api/entries/", _body(project, day), format="json").json()
    with django_assert_num_queries(ENTRY_UPDATE_QUERIES):
        response = client.patch(
            f"/api/entries/{created['id']}/", {"duration": "2:00"}, format="json"
        )
    assert response.status_code == 200, response.json()
    assert response.json()["seconds"] == 7200


def test_timer_start_and_stop_query_counts(api, alice, project, django_assert_num_queries):
    client = api(alice)
    _warm(client)
    with django_assert_num_queries(TIMER_START_QUERIES):
        started = client.post("/api/timer/start/", {"project": project.pk}, format="json")
    assert started.status_code == 201, started.json()
    with django_assert_num_queries(TIMER_STOP_QUERIES):
        stopped = client.post("/api/timer/stop/", {}, format="json")
    assert stopped.status_code == 200, stopped.json()
    assert stopped.json()["running"] is False
    assert stopped.json()["entry"]["id"] == started.json()["entry"]["id"]


def test_timer_answers_match_the_timer_state_read_afterwards(api, alice, project):
    """The start answer reuses the entry just started (no second look-up): it must be what
    ``GET /api/timer/`` reads back from the database, field for field."""
    client = api(alice)
    started = client.post("/api/timer/start/", {"project": project.pk}, format="json").json()
    read = client.get("/api/timer/").json()
    assert started["running"] is read["running"] is True
    assert started["entry"] == read["entry"]
    stopped = client.post("/api/timer/stop/", {}, format="json").json()
    assert client.get("/api/timer/").json() == {
        "running": False,
        "elapsed_seconds": None,
        "entry": None,
    }
    entry = client.get(f"/api/entries/{stopped['entry']['id']}/").json()
    assert stopped["entry"] == entry
