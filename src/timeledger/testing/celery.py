"""Real Celery workers on Redis for tests about background work.

``celery_workers`` (a pytest fixture, see ``conftest.py``) returns a function that starts ``count``
worker processes (``celery -A timeledger worker --pool=solo``) against the test database and
points this test process at the same broker and queue, so ``task.delay()`` and
``transaction.on_commit(...)`` hand work to those workers instead of running it eagerly::

    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True)   # the workers must see committed rows
    def test_two_workers(celery_workers):
        workers = celery_workers(2)
        some_task.delay(...)
        wait_until(lambda: Invoice.objects.count() == 8)
        workers.kill(0)                         # SIGKILL one, e.g. to test redelivery

The workers are separate processes, so they need PostgreSQL (SQLite's test database lives in this
process's memory): the fixture skips on SQLite. The broker is ``TIMELEDGER_TEST_REDIS_URL``
(default ``redis://127.0.0.1:6379/15``); each use gets its own queue name, so parallel test workers
and checkouts sharing one Redis never take each other's tasks. Workers log to files under the
test's ``tmp_path`` (``Workers.logs()`` prints them when a test fails to find what it waited for).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from timeledger.celery import app

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
SRC_DIR = Path(__file__).resolve().parents[2]


def redis_url() -> str:
    return os.environ.get("TIMELEDGER_TEST_REDIS_URL", DEFAULT_REDIS_URL)


def wait_until(predicate, timeout: float = 30.0, interval: float = 0.1, message: str = ""):
    """Poll ``predicate`` until it returns something truthy (returned) or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(message or f"condition not met within {timeout} s")
        time.sleep(interval)


@dataclass
class Workers:
    queue: str
    broker: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    log_files: list[Path] = field(default_factory=list)

    def kill(self, index: int) -> None:
        """SIGKILL one worker: no handler runs, as when a machine dies."""
        process = self.processes[index]
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')}" for p in self.log_files)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _worker_env(settings, broker: str, extra: dict[str, str]) -> dict[str, str]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "timeledger.settings",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "TIMELEDGER_TEST_DB": "",
        "SECRET_KEY": settings.SECRET_KEY,
        "CELERY_BROKER_URL": broker,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TIME_ZONE": settings.TIME_ZONE,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC_DIR), os.environ.get("PYTHONPATH")])),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
        # a test that started a loopback SMTP server (testing.smtp) before the workers
        env |= {
            "EMAIL_BACKEND": settings.EMAIL_BACKEND,
            "EMAIL_HOST": settings.EMAIL_HOST,
            "EMAIL_PORT": str(settings.EMAIL_PORT),
        }
    else:
        env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    return env | extra


@pytest.fixture
def celery_workers(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("real Celery workers need PostgreSQL (a database other processes can open)")
    started: list[Workers] = []
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }

    def start(count: int = 2, *, env: dict[str, str] | None = None, timeout: float = 60.0):
        broker = redis_url()
        queue = f"test-{uuid.uuid4().hex[:12]}"
        workers = Workers(queue=queue, broker=broker)
        worker_env = _worker_env(settings, broker, env or {})
        for index in range(count):
            log = tmp_path / f"celery-worker-{index}.log"
            workers.log_files.append(log)
            workers.processes.append(
                subprocess.Popen(
                    [
                        sys.executable, "-m", "celery", "-A", "timeledger", "worker",
                        "--pool=solo", "--loglevel=INFO", f"--queues={queue}",
                        f"--hostname=w{index}-{queue}@%h",
                        "--without-gossip", "--without-mingle", "--without-heartbeat",
                    ],
                    env=worker_env,
                    stdout=log.open("w"),
                    stderr=subprocess.STDOUT,
                    cwd=tmp_path,
                )
            )  # fmt: skip
        started.append(workers)
        wait_until(
            lambda: (
                all(" ready." in p.read_text(errors="replace") for p in workers.log_files)
                or any(p.poll() is not None for p in workers.processes)
            ),
            timeout=timeout,
            message="Celery workers did not start",
        )
        dead = [p.args for p in workers.processes if p.poll() is not None]
        assert not dead, f"a Celery worker exited at start:\n{workers.logs()}"
        # this process now sends to the workers' queue instead of running tasks eagerly
        settings.CELERY_BROKER_URL = broker
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue=queue)
        _reset_pool()
        return workers

    yield start

    for workers in started:
        workers.stop()
    app.conf.update(saved)
    _reset_pool()


def _reset_pool() -> None:
    """Drop the broker connections made under the previous settings; the next send opens new ones
    (``app.pool`` is created again on first use)."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
