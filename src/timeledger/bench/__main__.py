"""``python -m timeledger.bench [small] [medium] [large] [--no-sqlite] [--tryton]`` (``make bench``).

For each size: generate the workload (seeded, ``shared/workloads/make_workload.py``), compute the
oracle's expected totals (``oracle.py --totals group_half_up``), then per backend — PostgreSQL on a
fresh database (``BENCH_DB``, else ``BENCH_PG_DB``, default ``tl_bench``, on the server of
``BENCH_PG_ADMIN_URL``, whose port ``BENCH_PG_PORT`` may override), and SQLite for small and
medium — load it, approve everything, bill everything, run the reports, time the SQL floor, and
verify. With ``--tryton`` (``make bench-tryton``), Tryton 8.2 then bills the medium file in the
same run (``bench.tryton``, in ``.venv-tryton``) and the "≥ 250× Tryton" target is taken against
that. Prints a table, the load average before and after each phase, issue 19's billing targets
(met / not met) and one JSON line. Exits non-zero when any verification fails (a target not met
is reported, not a failure: the large size is optional).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from timeledger.bench.targets import billing_targets, loadavg, phase_load, print_targets

ROOT = Path(__file__).resolve().parents[3]
WORKLOADS = Path(os.environ.get("TIMELEDGER_WORKLOADS", ROOT.parent / "shared" / "workloads"))
OUT = ROOT / "var" / "bench"
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
if port := os.environ.get("BENCH_PG_PORT"):
    _url = urlsplit(PG_ADMIN)
    PG_ADMIN = urlunsplit(_url._replace(netloc=f"{_url.netloc.rsplit(':', 1)[0]}:{port}"))
PG_DB = os.environ.get("BENCH_DB") or os.environ.get("BENCH_PG_DB") or "tl_bench"
BATCH = {"small": 200, "medium": 500, "large": 1000}
TRYTON_PYTHON = os.environ.get("BENCH_TRYTON_PYTHON", str(ROOT / ".venv-tryton" / "bin" / "python"))


def _workload(size: str) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"workload_{size}.json"
    expected = OUT / f"expected_{size}.json"
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                str(WORKLOADS / "make_workload.py"),
                size,
                "--seed",
                "42",
                "-o",
                str(path),
            ],
            check=True,
        )
    if not expected.exists() or expected.stat().st_mtime < path.stat().st_mtime:
        with open(expected, "w") as fh:
            subprocess.run(
                [
                    sys.executable,
                    str(WORKLOADS / "oracle.py"),
                    str(path),
                    "--totals",
                    "group_half_up",
                ],
                check=True,
                stdout=fh,
            )
    return path, expected


def _fresh_pg() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DB


def _fresh_sqlite(size: str) -> str:
    path = OUT / f"tl_bench_{size}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _phase(url: str, *args: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-only", "DB_CONN_MAX_AGE": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "timeledger.bench.phases", *args],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench phase {args[0]} failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(size: str, backend: str) -> dict:
    workload, expected = _workload(size)
    url = _fresh_pg() if backend == "postgresql" else _fresh_sqlite(size)
    print(f"== {size} on {backend}", file=sys.stderr)
    before = loadavg()
    load = _phase(url, "load", str(workload))
    between = loadavg()
    bill = _phase(url, "bill", str(expected), str(BATCH[size]))
    phases = [phase_load("load", before, between), phase_load("bill", between, loadavg())]
    return {"size": size, "backend": backend, **load, **bill, "phases": phases}


def run_tryton(size: str) -> dict:
    """Tryton billing the same file on the same server (its own database and virtualenv)."""
    workload, _expected = _workload(size)
    server = urlsplit(PG_ADMIN)._replace(scheme="postgresql", path="/")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "BENCH_TRYTON_URI": urlunsplit(server),
        "BENCH_TRYTON_DB": f"{PG_DB}_tryton",
    }
    print(f"== {size} on Tryton ({TRYTON_PYTHON})", file=sys.stderr)
    proc = subprocess.run(
        [TRYTON_PYTHON, "-m", "timeledger.bench.tryton", str(workload)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"the Tryton baseline failed (exit {proc.returncode})")
    line = proc.stdout.strip().splitlines()[-1]
    out = OUT / f"tryton_{size}.json"
    out.write_text(line + "\n")
    # The shared oracle checks the baseline's totals (its own --compare, rule group_half_even).
    check = subprocess.run(
        [sys.executable, str(WORKLOADS / "oracle.py"), str(workload), "--compare", str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    report = json.loads(check.stdout)["group_half_even"]
    result = {k: v for k, v in json.loads(line).items() if k != "invoice_totals"}
    return result | {
        "oracle_equal": check.returncode == 0 and report["equal"],
        "projects_differing": report["projects_differing"],
    }


def table(results: list[dict]) -> str:
    head = (
        f"{'size':<7}{'db':<11}{'entries':>9}{'entries/s':>10}{'approve s':>10}{'billing s':>10}"
        f"{'floor s':>9}{'ratio':>7}{'wfloor s':>9}{'wratio':>7}{'cfloor s':>9}{'cratio':>7}"
        f"{'µs/entry':>9}{'rerun s':>9}{'reports s':>10}"
        f"{'RSS MB':>8}  ok"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        per_entry = r["billing_s"] / r["entries"] * 1e6 if r["entries"] else 0
        lines.append(
            f"{r['size']:<7}{r['backend']:<11}{r['entries']:>9}{r['entries_per_s']:>10}"
            f"{r['approve_s']:>10}{r['billing_s']:>10}{r['floor_s']:>9}{r['ratio']:>7}"
            f"{r['write_floor_s']:>9}{r['write_ratio']:>7}"
            f"{r.get('claim_floor_s', '-'):>9}{r.get('claim_ratio', '-'):>7}"
            f"{per_entry:>9.1f}{r.get('rerun_s', '-'):>9}{r['reports_s']:>10}{r['billing_rss_mb']:>8}  "
            f"{'yes' if r['ok'] else 'NO'}"
        )
    return "\n".join(lines)


def reports_table(results: list[dict]) -> str:
    """The reports phase: each report's seconds on a one-month and a one-year range."""
    lines = [f"{'size':<7}{'db':<11}{'report':<19}{'month s':>9}{'year s':>9}{'rows/year':>10}"]
    lines.append("-" * len(lines[0]))
    for r in results:
        for name, x in (r.get("reports") or {}).items():
            lines.append(
                f"{r['size']:<7}{r['backend']:<11}{name:<19}{x['month_s']:>9}{x['year_s']:>9}"
                f"{x['year_rows']:>10}"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m timeledger.bench", description=__doc__.splitlines()[0]
    )
    ap.add_argument(
        "sizes", nargs="*", default=["small", "medium"], choices=["small", "medium", "large"]
    )
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--tryton", action="store_true", help="time Tryton 8.2 on the medium file too")
    args = ap.parse_args(argv)
    results = []
    started = time.time()
    for size in args.sizes or ["small", "medium"]:
        backends = [] if args.no_postgres else ["postgresql"]
        if size in ("small", "medium") and not args.no_sqlite:
            backends.append("sqlite")
        for backend in backends:
            results.append(run(size, backend))
    tryton = run_tryton("medium") if args.tryton else None
    print(table(results))
    print(reports_table(results))
    for r in results:
        for p in r["phases"]:
            print(
                f"load average {r['size']}/{r['backend']} {p['phase']}: "
                f"{p['load_before']} → {p['load_after']}"
            )
    if tryton:
        print(
            f"tryton {tryton['trytond']} medium: invoicing {tryton['invoice_s']} s"
            f" ({tryton['invoiced']}, {tryton['invoices']} invoices, load average {tryton['load_average'][0]}"
            f" → {tryton['load_average'][1]}), totals equal to the oracle's group_half_even:"
            f" {'yes' if tryton['oracle_equal'] else 'NO ' + str(tryton['projects_differing'])}"
        )
    targets = billing_targets(
        results, tryton["invoice_s"] if tryton and tryton["oracle_equal"] else None
    )
    print_targets(targets, loadavg())
    for r in results:
        if not r["ok"]:
            print(
                f"VERIFICATION FAILED {r['size']}/{r['backend']}: {json.dumps(r['verify'])}",
                file=sys.stderr,
            )
    # Linearity: per-entry billing cost of the largest size against the one before it.
    pg = {r["size"]: r for r in results if r["backend"] == "postgresql"}
    linear = None
    if "large" in pg and "medium" in pg:
        linear = round(
            (pg["large"]["billing_s"] / pg["large"]["entries"])
            / (pg["medium"]["billing_s"] / pg["medium"]["entries"]),
            2,
        )
    summary = {
        "bench": "timeledger",
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "large_vs_medium_per_entry": linear,
        "load_average": loadavg(),
        "targets": targets,
        "tryton": tryton,
        "results": [
            {
                k: r.get(k)
                for k in (
                    "size",
                    "backend",
                    "entries",
                    "rows_per_s",
                    "entries_per_s",
                    "load_s",
                    "entry_load_s",
                    "approve_s",
                    "billing_s",
                    "floor_s",
                    "floor_after_s",
                    "ratio",
                    "write_floor_s",
                    "write_ratio",
                    "claim_floor_s",
                    "claim_ratio",
                    "rerun_s",
                    "shared_buffers",
                    "entry_table_mb",
                    "reports_s",
                    "billing_rss_mb",
                    "rss_before_billing_mb",
                    "load_rss_mb",
                    "invoices",
                    "phases",
                    "ok",
                )
            }
            for r in results
        ],
    }
    line = json.dumps(summary)
    print(line)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "results.jsonl", "a") as fh:
        fh.write(line + "\n")
    if tryton and not tryton["oracle_equal"]:
        print("VERIFICATION FAILED tryton: its totals are not the oracle's", file=sys.stderr)
        return 1
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
