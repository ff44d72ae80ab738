"""A client generated from /api/openapi.json by openapi-python-client (default configuration)
imports and works: list projects, create an entry, start and stop the timer, over HTTP."""

import datetime as dt
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from timeledger.testing import factories as f

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.mark.skipif(not GENERATOR.exists(), reason="openapi-python-client is a dev dependency")
def test_generated_client_lists_projects_logs_time_and_runs_the_timer(
    live_server, transactional_db, tmp_path
):
    org = f.organisation("Client Gen", slug="client-gen")
    member = f.member(org)
    project = f.project(org, code="GEN")
    token = f.token(member)
    cache.clear()
    spec = tmp_path / "openapi.json"
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200
    spec.write_bytes(r.content)
    run = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(spec), "--output-path", str(tmp_path / "gen")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    sys.path.insert(0, str(tmp_path / "gen"))
    try:
        pkg = importlib.import_module("timeledger_api_client")
        from timeledger_api_client.api.entries import entries_create
        from timeledger_api_client.api.projects import projects_list
        from timeledger_api_client.api.timer import timer_start, timer_stop
        from timeledger_api_client.models import EntryRequest, TimerStartRequest

        client = pkg.AuthenticatedClient(base_url=live_server.url, token=token, prefix="Token")
        projects = projects_list.sync(client=client)
        assert [p.code for p in projects.results] == ["GEN"]
        entry = entries_create.sync(
            client=client,
            body=EntryRequest(
                project=project.pk,
                date=dt.date.today() - dt.timedelta(days=1),
                duration="1:30",
                is_billable=True,
                description="generated client",
            ),
        )
        assert entry.seconds == 5400 and entry.description == "generated client"
        started = timer_start.sync(
            client=client, body=TimerStartRequest(project=project.pk, is_billable=True)
        )
        assert started.running is True
        stopped = timer_stop.sync(client=client)
        assert stopped.running is False and stopped.entry.seconds >= 0
    finally:
        sys.path.remove(str(tmp_path / "gen"))
        for name in [m for m in sys.modules if m.startswith("timeledger_api_client")]:
            del sys.modules[name]
        shutil.rmtree(tmp_path / "gen", ignore_errors=True)
