"""A sweep over every GET operation in the OpenAPI schema, as organisation B's owner, while
organisation A holds rows with unmistakable markers: no answer may contain one of them, and no
answer may be a 5xx. Endpoints added later are covered without touching this test.
"""

import datetime as dt
import json
import re

import pytest
from rest_framework.test import APIClient

from timeledger.accounts.roles import Role
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f
from timeledger.timesheets import services

MARKERS = ("ZQACMEQZ", "ZQWEBQZ", "ZQSECRETQZ", "zqalice@", "ZQTASKQZ", "ZQPHASEQZ")


@pytest.fixture
def org_a(org):
    owner = f.member(org, Role.OWNER)
    alice = f.member(org, Role.MEMBER, email="zqalice@example.com")
    client = f.client(org, code="ZQACMEQZ", name="ZQACMEQZ Retail", legal_name="ZQACMEQZ B.V.")
    project = f.project(org, client, code="ZQWEBQZ", name="ZQWEBQZ shop")
    phase = f.phase(project, "ZQPHASEQZ")
    task = f.task(project, "ZQTASKQZ", phase=phase)
    Milestone.objects.create(
        organisation=org, project=project, phase=phase, name="ZQPHASEQZ done", value="900.00"
    )
    day = dt.date.today() - dt.timedelta(days=2)
    rows = [
        f.entry(alice, project, day=day, t=task, description="ZQSECRETQZ work"),
        f.entry(alice, project, day=day, t=task, description="ZQSECRETQZ more", status="approved"),
    ]
    services.start_timer(project, by=alice, description="ZQSECRETQZ timer")
    ids = {owner.pk, alice.pk, client.pk, project.pk, phase.pk, task.pk, *(e.pk for e in rows)}
    return sorted(ids)


@pytest.fixture
def get_paths(django_db_blocker):
    with django_db_blocker.unblock():
        schema = json.loads(APIClient().get("/api/openapi.json").content)
    return sorted(path for path, ops in schema["paths"].items() if "get" in ops)


def _leaks(body: str) -> list[str]:
    return [m for m in MARKERS if m.lower() in body.lower()]


def _sweep(c, paths, ids, shows) -> list[str]:
    """GET every path (detail paths with each of ``ids``); report 5xx and what ``shows`` finds."""
    problems = []
    for path in paths:
        urls = [path] if "{" not in path else [re.sub(r"\{[^}]+\}", str(pk), path) for pk in ids]
        for url in urls:
            r = c.get(url)
            if r.status_code >= 500:
                problems.append(f"{url}: {r.status_code}")
            elif found := shows(r.content.decode(errors="replace")):
                problems.append(f"{url}: {r.status_code} shows {found}")
    return problems


def test_no_get_endpoint_shows_another_organisations_rows(api, org_a, outsider, get_paths):
    problems = _sweep(api(outsider), get_paths, org_a, _leaks)
    assert not problems, "\n".join(problems)
    assert len(get_paths) >= 10


def test_the_markers_are_visible_to_their_own_organisation(api, org_a, owner):
    """The sweep would be worthless if the markers never showed anywhere."""
    c = api(owner)
    assert _leaks(c.get("/api/entries/").content.decode())
    assert _leaks(c.get("/api/projects/").content.decode())


def test_a_client_viewer_of_another_client_sees_none_of_it(api, org, org_a, get_paths):
    viewer = f.member(org, Role.CLIENT_VIEWER, client=f.client(org, code="OTHERCLIENT"))
    problems = _sweep(api(viewer), get_paths, org_a, _leaks)
    assert not problems, "\n".join(problems)


def test_a_member_never_sees_a_colleagues_entries(api, org, org_a, get_paths):
    colleague = f.member(org, Role.MEMBER)
    problems = _sweep(
        api(colleague), get_paths, org_a, lambda body: "ZQSECRETQZ" in body and ["an entry"]
    )
    assert not problems, "\n".join(problems)
