"""Schema-driven fuzzing of the write endpoints: whatever is sent, the answer is never a 5xx,
and every 4xx has the one error shape.

Field names come from the OpenAPI schema's request bodies; values mix plausible ones (ids of real
rows, dates, durations) with hostile ones (huge numbers, wrong types, nested junk).
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.testing import factories as f
from timeledger.testing.api import assert_error

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
plausible = st.sampled_from(
    [
        "2026-03-10",
        "2026-03-10T09:00:00Z",
        "2026-03-10T17:00:00+01:00",
        "2099-01-01",
        "0001-01-01",
        "1:30",
        "90m",
        "25:00",
        "-1",
        "0",
        "1e309",
        "NaN",
        "99999999999999999999.99",
        "EUR",
        "hourly",
        "closed",
        "owner",
        "",
        " ",
        "\x00",
        "é" * 300,
    ]
)


def _request_fields(schema, path, method):
    body = schema["paths"][path][method].get("requestBody")
    if not body:
        return []
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    return sorted(schema["components"]["schemas"][ref].get("properties", {}))


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        return json.loads(APIClient().get("/api/openapi.json").content)


@pytest.fixture
def world(org, owner, client_, project):
    task = f.task(project, "Build")
    phase = f.phase(project)
    return {"ids": st.sampled_from([client_.pk, project.pk, task.pk, phase.pk, owner.pk, 0, -1])}


def _payloads(fields, ids):
    value = junk | plausible | ids
    return (
        st.dictionaries(st.sampled_from(fields), value, max_size=len(fields))
        if fields
        else st.just({})
    )


def _check(response):
    assert response.status_code < 500, (response.status_code, response.content[:300])
    if response.status_code >= 400:
        assert_error(response, response.status_code)


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/entries/", "post"),
        ("/api/timer/start/", "post"),
        ("/api/timer/switch/", "post"),
        ("/api/week/cells/", "post"),
        ("/api/clients/", "post"),
        ("/api/projects/", "post"),
        ("/api/phases/", "post"),
        ("/api/tasks/", "post"),
        ("/api/milestones/", "post"),
        ("/api/members/", "post"),
        ("/api/tokens/", "post"),
    ],
)
def test_no_5xx_on_create(api, owner, world, schema, path, method):
    fields = _request_fields(schema, path, method)
    assert fields, path
    c = api(owner)

    @FUZZ
    @given(payload=_payloads(fields, world["ids"]))
    def run(payload):
        _check(c.post(path, payload, format="json"))

    run()


@pytest.mark.parametrize("kind", ["entries", "projects", "members", "tasks"])
def test_no_5xx_on_update(api, owner, alice, world, schema, project, kind):
    from timeledger.timesheets import services

    row = {
        "entries": lambda: services.start_timer(project, by=owner),
        "projects": lambda: project,
        "members": lambda: alice,
        "tasks": lambda: project.tasks.first(),
    }[kind]()
    path = f"/api/{kind}/{{id}}/"
    fields = _request_fields(schema, path, "patch")
    c = api(owner)

    @FUZZ
    @given(payload=_payloads(fields, world["ids"]))
    def run(payload):
        _check(c.patch(f"/api/{kind}/{row.pk}/", payload, format="json"))

    run()


def test_no_5xx_on_entry_filters(api, owner, world, schema):
    names = [p["name"] for p in schema["paths"]["/api/entries/"]["get"]["parameters"]]
    c = api(owner)

    @FUZZ
    @given(
        params=st.dictionaries(
            st.sampled_from(names),
            plausible | st.text(max_size=20) | st.integers().map(str),
            max_size=4,
        )
    )
    def run(params):
        _check(c.get("/api/entries/", params))

    run()


@FUZZ
@given(body=st.binary(max_size=200))
def test_no_5xx_on_garbage_bodies(api, owner, body):
    _check(api(owner).post("/api/entries/", body, content_type="application/json"))


def test_no_5xx_on_week_browsing(api, owner, world):
    c = api(owner)

    @FUZZ
    @given(week=plausible | st.dates().map(str) | st.text(max_size=12))
    def run(week):
        _check(c.get("/api/week/", {"week": week}))

    run()
