"""``python -m timeledger.bench.workers [small|medium|large]``: the speed-up of a billing run shared
by 2 Celery workers against 1 (``billing.engine.shared``), on one shared workload, PostgreSQL.

The workload is loaded and approved once into ``BENCH_WORKERS_DB`` (default
``tl_bench_workers``); each measurement bills a fresh copy of it (``CREATE DATABASE … TEMPLATE``)
with M real ``celery worker --pool=solo`` processes on Redis (``BENCH_REDIS_URL``, default
``redis://127.0.0.1:6379/0``, a queue of its own). The time is the run's own, from the row's
creation to its finish (``finished_at - created_at``: planning, the tasks' delivery, every batch,
the finish), plus the wall time seen by the caller. Both runs must bill the same entries and
totals (else it exits 1). For reference the same batches are billed in-process too
(``run_billing(batch_size=…)``, no Celery). ``BENCH_BATCH_PROJECTS`` (default 50) projects per batch; each figure is
the best of ``BENCH_REPEAT`` (default 2) runs. One JSON line on stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from timeledger.bench.__main__ import PG_ADMIN, _phase, _workload

DB = os.environ.get("BENCH_WORKERS_DB", "tl_bench_workers")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
BATCH = int(os.environ.get("BENCH_BATCH_PROJECTS", "50"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "2"))
LOGS = Path(__file__).resolve().parents[3] / "var" / "bench"


def _url(name: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def _admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _env(url: str, queue: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-only",
        "CELERY_BROKER_URL": REDIS,
        "BENCH_QUEUE": queue,
        "BILLING_BATCH_PROJECTS": str(BATCH),
        "BILLING_BATCH_LEASE_SECONDS": "600",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _workers(count: int, url: str, queue: str) -> list[subprocess.Popen]:
    LOGS.mkdir(parents=True, exist_ok=True)
    procs, logs = [], []
    for index in range(count):
        log = LOGS / f"worker-{queue}-{index}.log"
        logs.append(log)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "timeledger", "worker", "--pool=solo",
                    "--loglevel=INFO", f"--queues={queue}", f"--hostname=b{index}-{queue}@%h",
                    "--without-gossip", "--without-mingle", "--without-heartbeat",
                ],
                env=_env(url, queue),
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
    deadline = time.monotonic() + 90
    while not all(" ready." in p.read_text(errors="replace") for p in logs):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            _stop(procs)
            raise SystemExit("bench workers did not start: " + logs[0].read_text()[-2000:])
        time.sleep(0.2)
    return procs


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def _shared_run(tasks: int) -> dict:
    """In a process of its own with Django set up (``DATABASE_URL`` the copy): start the shared
    run, wait for it, report its times and what it billed."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeledger.settings")
    django.setup()
    from django.db.models import Sum

    from timeledger.accounts.models import Organisation
    from timeledger.bench.measure import SLUG, UP_TO
    from timeledger.billing import tasks as billing_tasks
    from timeledger.billing.engine import run_billing
    from timeledger.billing.models import BillingBatch, BillingRun
    from timeledger.celery import app
    from timeledger.invoicing.models import Invoice
    from timeledger.timesheets.models import TimeEntry

    app.conf.task_default_queue = os.environ["BENCH_QUEUE"]  # the workers' queue
    org = Organisation.objects.get(slug=SLUG)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    if tasks == 0:  # the reference: the same batches billed in this process, no Celery
        run = run_billing(org, up_to=UP_TO, batch_size=BATCH).run
    else:
        run = billing_tasks.start_shared(org, up_to=UP_TO, tasks=tasks)
    while True:
        run.refresh_from_db()
        if run.status != BillingRun.Status.RUNNING:
            break
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    workers = set(BillingBatch.objects.filter(run=run).values_list("worker", flat=True))
    return {
        "status": run.status,
        "run_s": round((run.finished_at - run.created_at).total_seconds(), 3),
        "wall_s": round(wall, 3),
        "batches": run.batches_total,
        "workers_used": len(workers),
        "entries_billed": run.entries_billed,
        "billed_rows": TimeEntry.objects.filter(
            organisation=org, invoice_line__isnull=False
        ).count(),
        "invoices": Invoice.objects.filter(organisation=org).count(),
        "net": str(Invoice.objects.filter(organisation=org).aggregate(s=Sum("net_total"))["s"]),
        "totals": run.totals,
        "load_average_start": load,
    }


def measure(count: int, attempt: int) -> dict:
    name = f"{DB}_{count}w_{attempt}"
    _admin(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}" TEMPLATE "{DB}"',
    )
    queue = f"bench-{uuid.uuid4().hex[:10]}"
    procs = _workers(count, _url(name), queue) if count else []
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "timeledger.bench.workers", "--phase-run", str(count)],
            env=_env(_url(name), queue),
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
    finally:
        _stop(procs)
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--phase-run"]:
        print(json.dumps(_shared_run(int(argv[1]))))
        return 0
    size = argv[0] if argv else "medium"
    workload, _expected = _workload(size)
    _admin(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)', f'CREATE DATABASE "{DB}"')
    print(f"== loading {size} into {DB}", file=sys.stderr)
    _phase(_url(DB), "load", str(workload))
    os.environ["BENCH_REPEAT"] = "1"
    _phase(_url(DB), "pipeline", "--approve")  # approve and freeze rates, as phase_bill does
    results: dict[int, list[dict]] = {}
    for attempt in range(REPEAT):
        for count in (0, 1, 2):  # 0: in-process, the same batches
            print(f"== {count} worker(s), attempt {attempt + 1}", file=sys.stderr)
            results.setdefault(count, []).append(measure(count, attempt))
    best = {count: min(rows, key=lambda r: r["run_s"]) for count, rows in results.items()}
    same = (
        len(
            {
                (r["entries_billed"], r["billed_rows"], r["invoices"], r["net"])
                for rows in results.values()
                for r in rows
            }
        )
        == 1
    )
    out = {
        "size": size,
        "batch_projects": BATCH,
        "in_process_s": best[0]["run_s"],
        "one_worker_s": best[1]["run_s"],
        "two_workers_s": best[2]["run_s"],
        "speed_up": round(best[1]["run_s"] / best[2]["run_s"], 2),
        "same_result": same,
        "runs": results,
    }
    print(json.dumps(out, indent=1))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
