"""``python -m timeledger.bench.api`` (``make bench-api``): a bounded API load test.

A fresh PostgreSQL database (``BENCH_DB``, default ``tl_bench_api``; the server from
``BENCH_PG_ADMIN_URL``) with one organisation, 50 members (one API token each) on the team of one
project; the production server on loopback, port ``BENCH_PORT`` (default 8765): gunicorn with
the production ``gunicorn.conf.py``, whose worker model ``BENCH_API_WORKERS``,
``BENCH_API_WORKER_CLASS`` and ``BENCH_API_THREADS`` override; connections reused
(``CONN_MAX_AGE`` 60 s), every worker warmed up before measuring; locust with 50 concurrent users
for ``BENCH_API_SECONDS`` (default 60) doing time-entry writes and timer
start/stop. ``BENCH_API_REUSE=1`` keeps the previous run's database (one per ``BENCH_DB``),
its entries deleted, to compare server settings without migrating again. Prints p50/p95/p99 per
endpoint, the error count, the load average before and after each phase, issue 19's targets
(met / not met) and one JSON line; fails when a target is not met.

Two more figures say where the latency goes. First, for ``BENCH_API_FLOOR_SECONDS`` (default 20;
0 skips it) the same server, client and request mix run against a WSGI app that does nothing
(``bench.noop_wsgi``): the harness's floor on this machine, the baseline of the same run. Then
each request of the real run is split, from the client's and the worker's timestamps
(``bench.api_timing``), into the time before the worker had it, in the worker, and after.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from timeledger.bench.api_timing import describe, percentile, split
from timeledger.bench.targets import api_targets, loadavg, phase_load, print_targets

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "var" / "bench"
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB = os.environ.get("BENCH_DB", "tl_bench_api")
PORT = int(os.environ.get("BENCH_PORT") or os.environ.get("BENCH_API_PORT") or "8765")
USERS = 50


def _env() -> dict:
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + DB
    return {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-only",
        "DJANGO_SETTINGS_MODULE": "timeledger.settings",
        "DB_CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


SETUP = """
import datetime as dt, json, sys
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from timeledger.accounts.models import ApiToken, Member, Organisation, User
from timeledger.clients.models import Client
from timeledger.projects.models import Assignment, Project
org = Organisation.objects.create(name="API bench", slug="api-bench")
client = Client.objects.create(organisation=org, code="LOAD", name="Load Ltd", currency="EUR")
project = Project.objects.create(organisation=org, client=client, code="LOAD", name="Load test")
day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
out = []
for i in range(int(sys.argv[1])):
    user = User.objects.create_user(f"load{i}@bench.invalid", None, timezone="Europe/Amsterdam")
    member = Member.objects.create(organisation=org, user=user, role="member")
    # On the project's team (projects.teams): otherwise every write is rightly refused (400).
    Assignment.objects.create(organisation=org, project=project, member=member)
    out.append({"token": ApiToken.issue(member, "bench")[1], "project": project.pk, "day": day})
json.dump(out, open(sys.argv[2], "w"))
"""


# The bench's names for the settings of gunicorn.conf.py (which reads GUNICORN_*).
SERVER_KNOBS = {
    "BENCH_API_WORKERS": "GUNICORN_WORKERS",
    "BENCH_API_WORKER_CLASS": "GUNICORN_WORKER_CLASS",
    "BENCH_API_THREADS": "GUNICORN_THREADS",
    "BENCH_API_PRELOAD": "GUNICORN_PRELOAD",
}


def _server_settings(server_env: dict) -> dict:
    """The worker model the server ran with: gunicorn.conf.py as the server read it."""
    import runpy

    saved = dict(os.environ)
    os.environ.update(server_env)
    try:
        conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {
        "workers": conf["workers"],
        "worker_class": conf["worker_class"],
        "threads": conf["threads"],
        "preload_app": conf["preload_app"],
    }


def _wait_for_server(server, limit: float = 120.0) -> None:
    """Until gunicorn listens: with ``preload_app`` it loads Django before it binds, which takes
    seconds on a busy machine."""
    import socket

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
            return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"gunicorn did not listen on port {PORT} within {limit:.0f} s")


def _warm_up(users_file: Path) -> None:
    """A few authenticated requests, concurrently, before measuring: each worker imports the URL
    configuration, views and serializers lazily on its first request (a second or more), which
    is start-up cost, not request latency."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    token = json.load(open(users_file))[0]["token"]

    def get(_):
        req = urllib.request.Request(
            f"http://127.0.0.1:{PORT}/api/entries/", headers={"Authorization": f"Token {token}"}
        )
        with urllib.request.urlopen(req, timeout=180) as resp:
            resp.read()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(get, range(48)))


def _server_side(access_log: Path) -> dict:
    """Percentiles of the time gunicorn's workers spent on each API request (its access log's
    ``%(D)s``): what the server itself takes, without the client and the accept queue."""
    rows = [line.split() for line in access_log.read_text().splitlines()]
    rows = [r for r in rows if len(r) >= 3 and r[1].startswith("/api/")]
    ms = [int(r[0]) / 1000 for r in rows]
    # Answers other than 200/201 by status and path: a failed request is named in the run's own
    # output (the log and locust's CSVs are overwritten by the next run).
    not_ok = Counter(f"{r[2]} {r[1]}" for r in rows if r[2] not in ("200", "201"))
    return {
        "requests": len(ms),
        "p50_ms": percentile(ms, 0.50),
        "p95_ms": percentile(ms, 0.95),
        "p99_ms": percentile(ms, 0.99),
        "not_ok": dict(sorted(not_ok.items())),
    }


def _endpoints(prefix: Path) -> dict:
    """Locust's figures per endpoint (and ``Aggregated``) from its ``{prefix}_stats.csv``."""
    return {
        r["Name"]: {
            "requests": int(r["Request Count"]),
            "failures": int(r["Failure Count"]),
            "p50_ms": float(r["50%"] or 0),
            "p95_ms": float(r["95%"] or 0),
            "p99_ms": float(r["99%"] or 0),
            "rps": round(float(r["Requests/s"] or 0), 1),
        }
        for r in csv.DictReader(open(f"{prefix}_stats.csv"))
    }


APP, NOOP_APP = "timeledger.wsgi", "timeledger.bench.noop_wsgi"


class LoadTest:
    """One load test: the production server (``gunicorn.conf.py`` via ``gunicorn_timing``) serving
    ``app``, warmed up, then locust for ``seconds``; its CSVs under ``prefix``."""

    def __init__(self, env, server_env, users_file, server_timing, client_timing):
        self.env, self.server_env, self.users_file = env, server_env, users_file
        self.server_timing, self.client_timing = server_timing, client_timing

    def __call__(self, app, seconds, prefix, phases, label, access_log=None) -> None:
        before = loadavg()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "-c",
                "python:timeledger.bench.gunicorn_timing",
            ],
            env=self.server_env,
        )
        try:
            _wait_for_server(server)
            _warm_up(self.users_file)
            for log in (access_log, self.server_timing):
                if log is not None:
                    log.write_text("")  # only the load test's requests (gunicorn appends)
            phases.append(phase_load(f"{label}: server start and warm-up", before, loadavg()))
            before = loadavg()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(Path(__file__).with_name("locustfile.py")),
                    "--headless",
                    "-u",
                    str(USERS),
                    "-r",
                    "25",
                    "-t",
                    f"{seconds}s",
                    "--host",
                    f"http://127.0.0.1:{PORT}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env={
                    **self.env,
                    "BENCH_API_USERS": str(self.users_file),
                    "BENCH_CLIENT_TIMING_LOG": str(self.client_timing),
                },
                check=False,
            )
            phases.append(phase_load(label, before, loadavg()))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


def main() -> int:
    import psycopg

    seconds = int(os.environ.get("BENCH_API_SECONDS", "60"))
    OUT.mkdir(parents=True, exist_ok=True)
    phases = []
    before = loadavg()
    users_file = OUT / f"api_users_{DB}.json"
    env = _env()
    if os.environ.get("BENCH_API_REUSE") and users_file.exists():
        # Several server settings in a row: the database of the previous run, emptied of the
        # entries the runs wrote (the setup writes none), so every run starts from the same
        # state — kept, they filled the members' days up to the 24 h rule (400s, not speed) and
        # left timers running (a new start would be refused).
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("DELETE FROM timesheets_timeentry")
            conn.execute("VACUUM ANALYZE")
    else:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DB}"')
        subprocess.run(
            [sys.executable, "-c", SETUP, str(USERS), str(users_file)], env=env, check=True
        )
    phases.append(phase_load("setup", before, loadavg()))
    access_log = OUT / f"api_access_{DB}.log"
    server_timing, client_timing = OUT / f"api_server_{DB}.log", OUT / f"api_client_{DB}.log"
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        # Server-side time per request (microseconds), to tell the server's share of the
        # latency from the client's and the accept queue's.
        "GUNICORN_ACCESS_LOG": str(access_log),
        "GUNICORN_CMD_ARGS": "--access-logformat '%(D)s %(U)s %(s)s'",
        # And each request's start and end in the worker, to split the client's latency.
        "BENCH_TIMING_LOG": str(server_timing),
    }
    for bench_name, name in SERVER_KNOBS.items():
        if os.environ.get(bench_name):
            server_env[name] = os.environ[bench_name]
    run = LoadTest(env, server_env, users_file, server_timing, client_timing)
    floor_seconds = int(os.environ.get("BENCH_API_FLOOR_SECONDS", "20"))
    floor = None
    if floor_seconds:
        # The harness's own floor, first: the same server, client and request mix against a
        # WSGI app that does nothing (``bench.noop_wsgi``) — the latency no write can go below
        # on this machine, with the load generator on the same cores.
        floor_prefix = OUT / "api_floor"
        run(NOOP_APP, floor_seconds, floor_prefix, phases, "harness floor")
        agg = _endpoints(floor_prefix).get("Aggregated", {})
        floor = {
            "seconds": floor_seconds,
            **{k: agg.get(k, 0.0) for k in ("p50_ms", "p95_ms", "p99_ms")},
            "split": split(client_timing, server_timing),
        }
    prefix = OUT / "api"
    run(APP, seconds, prefix, phases, "load test", access_log=access_log)
    result = {
        "bench": "api",
        "users": USERS,
        "seconds": seconds,
        "when": dt.datetime.utcnow().isoformat(timespec="seconds") + "Z",
        "endpoints": _endpoints(prefix),
        "server": _server_settings(server_env),
        "load_average": loadavg(),
        "phases": phases,
        "client": os.environ.get("BENCH_API_CLIENT", "fast"),
        "server_side": _server_side(access_log),
        "split": split(client_timing, server_timing),
        "harness_floor": floor,
    }
    result["failures"] = [
        {k: r[k] for k in ("Method", "Name", "Error", "Occurrences")}
        for r in csv.DictReader(open(f"{prefix}_failures.csv"))
    ]
    agg = result["endpoints"].get("Aggregated", {})
    result["errors"] = agg.get("failures", 0)
    result["p99_ms"] = agg.get("p99_ms")
    result["targets"] = api_targets(
        result["endpoints"], result["errors"], floor["p99_ms"] if floor else None
    )
    result["ok"] = all(t["met"] for t in result["targets"])
    print(f"{'endpoint':<28}{'requests':>9}{'fail':>6}{'p50':>7}{'p95':>7}{'p99':>7}{'req/s':>8}")
    for name, e in result["endpoints"].items():
        print(
            f"{name:<28}{e['requests']:>9}{e['failures']:>6}{e['p50_ms']:>7.0f}{e['p95_ms']:>7.0f}{e['p99_ms']:>7.0f}{e['rps']:>8}"
        )
    side = result["server_side"]
    print(
        f"server side (gunicorn, request in the worker): {side['requests']} requests,"
        f" p50 {side['p50_ms']} ms, p95 {side['p95_ms']} ms, p99 {side['p99_ms']} ms;"
        f" client: locust {'FastHttpUser' if result['client'] == 'fast' else 'HttpUser'}"
    )
    print(describe(result["split"]))
    if floor:
        print(
            f"harness floor (a no-op WSGI app, same server, client and mix, {floor_seconds} s):"
            f" p50 {floor['p50_ms']:g}, p95 {floor['p95_ms']:g}, p99 {floor['p99_ms']:g} ms;"
            f" {describe(floor['split'])}"
        )
    for f in result["failures"]:
        print(f"failed ({f['Occurrences']}×): {f['Method']} {f['Name']}: {f['Error']}")
    for what, n in side["not_ok"].items():
        print(f"server answered {what}: {n}×")
    for p in phases:
        print(f"load average {p['phase']}: {p['load_before']} → {p['load_after']}")
    print_targets(result["targets"], result["load_average"])
    print(json.dumps(result))
    with open(OUT / "results.jsonl", "a") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
