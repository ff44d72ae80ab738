"""Locust users for ``make bench-api``: time-entry writes and timer start/stop.

Each simulated user is one member with their own API token (``BENCH_API_USERS`` file written by
``timeledger.bench.api``), so timers of different users never clash.

The client is ``BENCH_API_CLIENT``: ``fast`` (default) is locust's ``FastHttpUser``
(geventhttpclient, written in C), ``requests`` its ``HttpUser`` (python-requests). Locust runs on
the same two cores as the server, and its own CPU per request is counted in every latency it
reports: with ``requests`` that is a few milliseconds per request, enough to put the load
generator's queueing into the tail (BENCHMARKS.md, "API write path").

Each request carries an ``X-Bench-Id``; when ``BENCH_CLIENT_TIMING_LOG`` is set, the time each
was sent and its answer read are written there at the end (``bench.api_timing`` joins them with
the worker's own timestamps).
"""

import datetime as dt
import itertools
import json
import os
import random
import time

from locust import FastHttpUser, HttpUser, between, events, task

USERS = json.load(open(os.environ["BENCH_API_USERS"]))
_next = itertools.count()
_request_ids = itertools.count()


CLIENT = os.environ.get("BENCH_API_CLIENT", "fast")
if CLIENT not in ("fast", "requests"):
    raise SystemExit(f"BENCH_API_CLIENT must be fast or requests, not {CLIENT!r}")
Base = FastHttpUser if CLIENT == "fast" else HttpUser
TIMING_LOG = os.environ.get("BENCH_CLIENT_TIMING_LOG")
_timings: list[str] = []


@events.test_stop.add_listener
def _write_timings(**_kwargs):
    if TIMING_LOG:
        with open(TIMING_LOG, "w") as fh:
            fh.writelines(_timings)


class Member(Base):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        me = USERS[next(_next) % len(USERS)]
        self.auth = {"Authorization": f"Token {me['token']}"}
        self.project = me["project"]
        # Spread over the two years up to ``day``: a member logs at most 24 h a day (the day
        # total rule), which one date would reach within seconds at this rate (400s, not speed).
        last = dt.date.fromisoformat(me["day"])
        self.days = [(last - dt.timedelta(days=i)).isoformat() for i in range(730)]
        self.timer_free_at = 0.0

    def post(self, path: str, payload: dict, name: str):
        request_id = f"{os.getpid()}-{next(_request_ids)}"
        sent = time.time()
        response = self.client.post(
            path, json=payload, name=name, headers={**self.auth, "X-Bench-Id": request_id}
        )
        _timings.append(f"{request_id} {sent:.6f} {time.time():.6f}\n")
        return response

    @task(3)
    def log_entry(self):
        self.post(
            "/api/entries/",
            {
                "project": self.project,
                "date": random.choice(self.days),
                "duration": f"{random.randint(1, 8)}:{random.choice(['00', '15', '30', '45'])}",
                "description": "load test",
            },
            "POST /api/entries/",
        )

    @task(1)
    def timer(self):
        # A timer stopped within its first second ends one second after its start (an entry is
        # never zero-length), so a new one may start only after that: starting earlier would
        # overlap and is rightly refused (400). Log an entry instead while that second runs.
        if time.monotonic() < self.timer_free_at:
            self.log_entry()
            return
        started = self.post(
            "/api/timer/start/", {"project": self.project}, "POST /api/timer/start/"
        )
        if started.status_code == 201:
            self.post("/api/timer/stop/", {}, "POST /api/timer/stop/")
            self.timer_free_at = time.monotonic() + 1.1
