"""Query-count regression tests for the API's hot write paths (issue 7, ``make bench-api``).

Each request costs a fixed number of queries, whatever the member or organisation already
holds; the numbers are pinned so a new per-request query (a repeated lookup, an extra audit read)
shows up here before it shows up in the latency figures of BENCHMARKS.md. Counts include the
transaction's savepoint and release (the test runs inside a transaction).
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db

# token+member, project, savepoint, member lock, organisation, the member's day total (at most
# 24 h a day), INSERT entry, the audit chain's newest hash, INSERT audit, release
ENTRY_CREATE_QUERIES = 10


def _warm(client):
    """One request first: it records the token's ``last_used_at`` (written at most every 5 min)."""
    assert client.get("/api/entries/").status_code == 200


def _post(client, url, body):
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, body, format="json")
    return response, len(ctx.captured_queries)


@pytest.mark.parametrize("existing", [0, 25])
def test_entry_create_costs_a_fixed_number_of_queries(api, alice, project, existing):
    client = api(alice)
    day = dt.date.today() - dt.timedelta(days=1)
    for i in range(existing):
        f.entry(alice, project, day=day - dt.timedelta(days=i % 7), hours="1")
    _warm(client)
    body = {"project": project.pk, "date": day.isoformat(), "duration": "1:00", "description": "x"}
    response, queries = _post(client, "/api/entries/", body)
    assert response.status_code == 201, response.json()
    assert queries == ENTRY_CREATE_QUERIES


def test_timer_start_and_stop_query_counts(api, alice, project):
    client = api(alice)
    _warm(client)
    started, start_queries = _post(client, "/api/timer/start/", {"project": project.pk})
    assert started.status_code == 201, started.json()
    stopped, stop_queries = _post(client, "/api/timer/stop/", {})
    assert stopped.status_code == 200, stopped.json()
    assert (start_queries, stop_queries) == (
        11,
        12,
    )  # each writes one audit row, linked to the newest (+1 read)
