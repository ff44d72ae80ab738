"""Locust users for ``make bench-api``: time-entry writes and timer start/stop.

Each simulated user is one member with their own API token (``BENCH_API_USERS`` file written by
``timeledger.bench.api``), so timers of different users never clash.

The client is ``BENCH_API_CLIENT``: ``fast`` (default) is locust's ``FastHttpUser``
(geventhttpclient, written in C), ``requests`` its ``HttpUser`` (python-requests). Locust runs on
the same two cores as the server, and its own CPU per request is counted in every latency it
reports: with ``requests`` that is a few milliseconds per request, enough to put the load
generator's queueing into the tail (BENCHMARKS.md, "API write path").
"""

import datetime as dt
import itertools
import json
import os
import random
import time

from locust import FastHttpUser, HttpUser, between, task

USERS = json.load(open(os.environ["BENCH_API_USERS"]))
_next = itertools.count()


CLIENT = os.environ.get("BENCH_API_CLIENT", "fast")
if CLIENT not in ("fast", "requests"):
    raise SystemExit(f"BENCH_API_CLIENT must be fast or requests, not {CLIENT!r}")
Base = FastHttpUser if CLIENT == "fast" else HttpUser


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

    @task(3)
    def log_entry(self):
        self.client.post(
            "/api/entries/",
            json={
                "project": self.project,
                "date": random.choice(self.days),
                "duration": f"{random.randint(1, 8)}:{random.choice(['00', '15', '30', '45'])}",
                "description": "load test",
            },
            name="POST /api/entries/",
            headers=self.auth,
        )

    @task(1)
    def timer(self):
        # A timer stopped within its first second ends one second after its start (an entry is
        # never zero-length), so a new one may start only after that: starting earlier would
        # overlap and is rightly refused (400). Log an entry instead while that second runs.
        if time.monotonic() < self.timer_free_at:
            self.log_entry()
            return
        started = self.client.post(
            "/api/timer/start/",
            json={"project": self.project},
            name="POST /api/timer/start/",
            headers=self.auth,
        )
        if started.status_code == 201:
            self.client.post(
                "/api/timer/stop/", json={}, name="POST /api/timer/stop/", headers=self.auth
            )
            self.timer_free_at = time.monotonic() + 1.1
