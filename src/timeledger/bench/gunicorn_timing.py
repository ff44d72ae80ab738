"""The production ``gunicorn.conf.py`` plus two hooks that timestamp each request in the worker,
for ``make bench-api`` only (``gunicorn -c python:timeledger.bench.gunicorn_timing``).

With the client's own timestamps (``locustfile``: ``X-Bench-Id`` and the time it sent and got the
answer) they split a request's latency into the time before the worker had it (connecting,
waiting in the accept queue), the time in the worker, and the time after (the answer's way back
and the client's own scheduling) — ``bench.api_timing``. Epoch seconds from ``time.time()``:
the client and the server share the machine's clock.
"""

import os
import runpy
import time
from pathlib import Path

_conf = runpy.run_path(str(Path(__file__).resolve().parents[3] / "gunicorn.conf.py"))
globals().update({k: v for k, v in _conf.items() if not k.startswith("__")})

_LOG = os.environ["BENCH_TIMING_LOG"]


def pre_request(worker, req):
    req.bench_started = time.time()


def post_request(worker, req, environ, resp):
    request_id = environ.get("HTTP_X_BENCH_ID")
    if not request_id:
        return
    # One short line per request, appended by each worker (O_APPEND: whole lines, never mixed).
    with open(_LOG, "a") as fh:
        fh.write(f"{request_id} {req.bench_started:.6f} {time.time():.6f} {resp.status_code}\n")
