"""Splitting the API bench's latency from the client's and the worker's timestamps
(``bench/api_timing.py``), and the no-op app of its harness floor."""

import io

from timeledger.bench import api_timing, noop_wsgi


def _write(path, lines):
    path.write_text("".join(f"{line}\n" for line in lines))


def test_each_request_splits_into_before_worker_and_after(tmp_path):
    client, server = tmp_path / "client.log", tmp_path / "server.log"
    # Request a: sent at 100.000, in the worker 100.010–100.030, read at 100.031.
    # Request b: waited 0.200 s before a worker had it; c never reached a worker.
    _write(client, ["a 100.000 100.031", "b 200.000 200.215", "c 300.000 300.001"])
    _write(server, ["b 200.200 200.214 201", "a 100.010 100.030 201"])

    s = api_timing.split(client, server)

    assert (s["joined"], s["client_only"]) == (2, 1)
    assert s["before"]["p50_ms"] == 200.0  # index int(2 * 0.5) = 1 of [10, 200]
    assert s["worker"]["p99_ms"] == 20.0
    slow = s["slowest_1pct_mean_ms"]  # the slowest one of two: b
    assert slow == {"total": 215.0, "before": 200.0, "worker": 14.0, "after": 1.0}
    assert "slowest 1 % average 215.0 ms = before 200.0 + worker 14.0 + after 1.0 ms" in (
        api_timing.describe(s)
    )


def test_missing_logs_are_said_not_guessed(tmp_path):
    s = api_timing.split(tmp_path / "none", tmp_path / "neither")
    assert s == {"joined": 0, "client_only": 0}
    assert api_timing.describe(s) == "time split: no request joined (timing logs missing)"


def test_the_floor_app_reads_the_request_and_answers_201():
    body = io.BytesIO(b'{"project": 1}')
    seen = []
    out = noop_wsgi.application(
        {"wsgi.input": body}, lambda status, headers: seen.append((status, headers))
    )
    assert b"".join(out) == b"{}"
    assert seen[0][0] == "201 Created"
    assert body.read() == b""  # the whole body was read, as a real app reads it
