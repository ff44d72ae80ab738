"""gunicorn settings for production: ``.venv/bin/gunicorn timeledger.wsgi -c gunicorn.conf.py``.

The worker model was chosen by measurement with ``make bench-api`` (50 users writing entries and
starting/stopping timers; BENCHMARKS.md, "API write path"). Every value can be overridden from
the environment without editing this file:

- ``GUNICORN_BIND`` (``127.0.0.1:8000``), ``GUNICORN_WORKERS``, ``GUNICORN_WORKER_CLASS``
  (``sync`` or ``gthread``), ``GUNICORN_THREADS`` (gthread only), ``GUNICORN_TIMEOUT``,
  ``GUNICORN_PRELOAD`` (``false``: each worker loads the app itself; no import-ahead, no freeze).

What holds the tail, besides the worker count:

- the application is loaded once in the master (``preload_app``) and every URL pattern, view and
  serializer imported there before the workers fork, so no worker pays its first-request imports
  while a client waits (that was the p99 of the first runs);
- the objects of that start-up are frozen out of the garbage collector (``gc.freeze``): a full
  collection then scans only what a request allocated, not the whole of Django — and the forked
  workers keep sharing those pages instead of copying them when the collector touches them;
- ``max_requests`` with jitter recycles a worker now and then (bounded memory), never all at once.
"""

import gc
import multiprocessing
import os


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# CPU-bound requests (about 8 ms of CPU each): twice the cores, at least 4, as measured.
workers = _env_int("GUNICORN_WORKERS", max(4, 2 * multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = _env_int("GUNICORN_THREADS", 1)
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5  # gthread: keep a client's connection open between its requests
backlog = 2048
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() not in ("0", "false", "no")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")


def when_ready(server):
    """In the master, after the app is loaded and before any worker forks: import everything a
    request would import lazily, then freeze the start-up heap out of the collector."""
    if not server.cfg.preload_app:
        return  # the app (and Django's settings) is loaded by each worker instead
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — imports every app's URLs, views, serializers
    connections.close_all()  # no connection may be shared by the forked workers
    gc.collect()
    gc.freeze()
