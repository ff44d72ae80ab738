"""Fuzzing of the approval, lock-date, audit-log and audit-report endpoints: never a 5xx, and
every 4xx in the one error shape (and CSV/XLSX exports only when asked for validly)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import EntryStatus

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
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
plausible = st.sampled_from(
    ["2026-11-09", "2026-11-11", "0001-01-01", "9999-12-31", "", " ", "\x00", "csv", "xlsx", "x"]
)


@pytest.fixture
def world(org, alice, project):
    entries = [
        f.entry(alice, project, day=dt.date(2026, 11, 9), hours="1", status=EntryStatus.SUBMITTED)
        for _ in range(2)
    ]
    ids = [alice.pk, project.pk, *(e.pk for e in entries), 0, -1, 2**63, 2**70]
    return st.sampled_from(ids) | st.lists(st.sampled_from(ids), max_size=3)


def _check(response):
    assert response.status_code < 500, (response.status_code, response.content[:300])
    if response.status_code >= 400 and response.status_code != 405:
        assert_error(response, response.status_code)


FIELDS = {
    "/api/approvals/submit/": ["week", "member", "override_reason"],
    "/api/approvals/approve/": [
        "member",
        "week",
        "project",
        "entries",
        "comment",
        "include_drafts",
        "override_reason",
    ],
    "/api/approvals/reject/": ["member", "week", "project", "entries", "reason"],
    "/api/approvals/reopen/": ["member", "week", "project", "entries", "reason"],
}


@pytest.mark.parametrize("path", sorted(FIELDS))
def test_no_5xx_on_approval_actions(api, owner, world, path):
    c = api(owner)

    @FUZZ
    @given(payload=st.dictionaries(st.sampled_from(FIELDS[path]), junk | plausible | world))
    def run(payload):
        _check(c.post(path, payload, format="json"))

    run()


def test_no_5xx_on_lock_date(api, owner, world):
    c = api(owner)

    @FUZZ
    @given(payload=st.dictionaries(st.sampled_from(["lock_date", "reason"]), junk | plausible))
    def run(payload):
        _check(c.put("/api/lock-date/", payload, format="json"))

    run()


@pytest.mark.parametrize(
    ("path", "names"),
    [
        (
            "/api/audit-log/",
            [
                "actor",
                "actor_email",
                "object_type",
                "object_id",
                "action",
                "date_from",
                "date_to",
                "q",
                "page",
            ],
        ),
        ("/api/reports/audit/", ["week", "client", "project", "member", "export"]),
    ],
)
def test_no_5xx_on_read_filters(api, owner, world, path, names):
    c = api(owner)

    @FUZZ
    @given(
        params=st.dictionaries(
            st.sampled_from(names),
            plausible | st.text(max_size=20) | st.integers(-(2**70), 2**70).map(str),
            max_size=4,
        )
    )
    def run(params):
        response = c.get(path, params)
        assert response.status_code < 500, (params, response.content[:300])
        if response.status_code >= 400 and response.status_code != 404:
            assert_error(response, response.status_code)

    run()
